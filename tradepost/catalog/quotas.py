"""Per-store quotas on creating listings (DESIGN.md §4, RELIABILITY.md §9 "Rate limits").

Every listing a store creates counts against RATE_LIMIT_LISTINGS however it was made: the page
or the API (catalog.services.create_product) or a CSV import (each new product of the file; a file
with more new products than the quota has left is refused whole). Each CSV upload also counts
against RATE_LIMIT_CSV_IMPORTS. A refusal raises a RateLimited error (HTTP 429, code
"rate_limited", `retry_after` seconds), and work that is refused or fails uses up nothing.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.conf import settings

from tradepost import ratelimit
from tradepost.catalog.errors import CsvImportQuotaReached, ListingQuotaReached
from tradepost.sellers.models import Store

LISTINGS = "catalog.listings"
CSV_IMPORTS = "catalog.csv_imports"


@contextlib.contextmanager
def creating_listings(*, store: Store, count: int, now: dt.datetime) -> Iterator[None]:
    """Take `count` new listings from the store's quota for the block; given back if it raises."""
    if count <= 0:
        yield
        return
    limit, period = settings.RATE_LIMIT_LISTINGS

    def refusal(decision: ratelimit.Decision) -> ListingQuotaReached:
        return ListingQuotaReached(
            wanted=count, left=decision.remaining, limit=limit, period=period,
            retry_after=decision.retry_after,
        )  # fmt: skip

    with ratelimit.spending(
        LISTINGS, store.public_id, limit=limit, period=period, cost=count, now=now,
        refusal=refusal,
    ):  # fmt: skip
        yield


def take_csv_import(*, store: Store, now: dt.datetime) -> None:
    """Count one CSV upload of the store, or raise CsvImportQuotaReached."""
    limit, period = settings.RATE_LIMIT_CSV_IMPORTS
    ratelimit.take(
        CSV_IMPORTS, store.public_id, limit=limit, period=period, now=now,
        refusal=lambda decision: CsvImportQuotaReached(
            limit=limit, period=period, retry_after=decision.retry_after
        ),
    )  # fmt: skip
