"""`python -m tradepost <command>` runs a Django management command (e.g. `python -m tradepost demo`)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradepost.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tradepost", *sys.argv[1:]])


if __name__ == "__main__":
    main()
