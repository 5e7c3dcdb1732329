"""`manage.py import_rates [FILE ...] [--source ECB]`: load ECB reference-rate XML files.

With no FILE, imports the files bundled in tradepost/money/data/ecb/. All files are imported in one
transaction: one bad file and nothing is written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tradepost import clock
from tradepost.errors import DomainError
from tradepost.money.models import ECB
from tradepost.money.services import import_ecb_rates

BUNDLED_DIR = Path(__file__).resolve().parents[2] / "data" / "ecb"


class Command(BaseCommand):
    help = "Import ECB euro reference rates from XML files (default: the bundled files)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="ECB reference-rate XML files")
        parser.add_argument("--source", default=ECB, help="source recorded on each rate")

    def handle(self, *args, files: list[Path], source: str, **options):
        paths = files or sorted(BUNDLED_DIR.glob("*.xml"))
        if not paths:
            raise CommandError(f"No rate files given and none bundled in {BUNDLED_DIR}.")
        total = 0
        with transaction.atomic():
            for path in paths:
                total += self._import_one(path, source)
        self.stdout.write(self.style.SUCCESS(f"Imported {total} rates from {len(paths)} file(s)."))

    def _import_one(self, path: Path, source: str) -> int:
        try:
            xml_bytes = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        try:
            result = import_ecb_rates(xml_bytes, source=source, now=clock.now())
        except DomainError as exc:
            raise CommandError(f"{path}: {exc.message}") from None
        days = ", ".join(str(day) for day in result.rate_dates)
        self.stdout.write(f"{path.name}: {result.count} rates for {days}")
        return result.count
