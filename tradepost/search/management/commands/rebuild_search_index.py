"""Rebuild the search index from the database, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand

from tradepost.search import index, services


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every public listing."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the index has no listing yet."
        )

    def handle(self, *args, quiet=False, if_empty=False, **options):
        if if_empty and index.searcher().num_docs:
            return
        started = time.perf_counter()
        done = services.rebuild(progress=None if quiet else self._bar)
        if not quiet:
            self.stdout.write("")
            seconds = time.perf_counter() - started
            self.stdout.write(f"Indexed {done} listings in {seconds:.1f} s.")

    def _bar(self, done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stdout.write(line, ending="")
        sys.stdout.flush()
