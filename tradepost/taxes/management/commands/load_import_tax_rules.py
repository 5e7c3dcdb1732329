"""`manage.py load_import_tax_rules [FILE]`: make the import tax rules table equal to the rules
file (default: tradepost/taxes/data/import_tax_rules.json). One bad rule and nothing changes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradepost.taxes.errors import InvalidTaxRules
from tradepost.taxes.rules import RULES_FILE, load_rules_file


class Command(BaseCommand):
    help = "Load the effective-dated import VAT/GST and duty rules from their JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=RULES_FILE)

    def handle(self, *args, file: Path, **options):
        try:
            result = load_rules_file(file)
        except OSError as exc:
            raise CommandError(f"{file}: cannot read the file ({exc.strerror}).") from None
        except InvalidTaxRules as exc:
            raise CommandError(f"{file}: {exc.message}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Import tax rules: {result.created} added, {result.updated} changed, "
                f"{result.deleted} removed."
            )
        )
