"""`manage.py import_tracking FILE.csv`: record a CSV file of tracking events (all or nothing).

Columns: carrier, tracking_number, event_id, occurred_at, status, location, description. Any bad
row refuses the whole file: each problem is printed with its row number and nothing is stored.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tradepost import clock
from tradepost.tracking import csv_import
from tradepost.tracking.errors import InvalidTrackingEvents, UnknownTrackingNumber


class Command(BaseCommand):
    help = "Import tracking events from a CSV file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file with a header row")

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            result = csv_import.import_csv(data, now=clock.now())
        except (InvalidTrackingEvents, UnknownTrackingNumber) as refused:
            for problem in refused.context["problems"]:
                field = f" {problem.field}:" if problem.field else ""
                self.stderr.write(f"{problem.place}:{field} {problem.message}")
            raise CommandError(f"{refused.message} ({refused.code})") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored {result.stored} events ({result.duplicates} repeats skipped); "
                f"{len(result.delivered)} orders delivered."
            )
        )
