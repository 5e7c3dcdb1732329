"""Writes of the money app: importing exchange rates."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tradepost.errors import InvalidInput
from tradepost.money.ecb import parse_ecb_xml
from tradepost.money.models import ECB, EUR, ExchangeRate


@dataclass(frozen=True)
class RateImport:
    count: int  # rates written (created or updated)
    rate_dates: tuple[dt.date, ...]


@transaction.atomic
def import_ecb_rates(xml_bytes: bytes, *, source: str = ECB, now: dt.datetime) -> RateImport:
    """Store every rate of an ECB reference-rate file, all or nothing.

    Re-importing a day updates its rows in place (one row per source, pair and day), so running an
    import twice changes nothing. A bad file raises InvalidRateFile before anything is written.
    """
    if not source or len(source) > ExchangeRate._meta.get_field("source").max_length:
        raise InvalidInput(_("The rate source must be 1 to 16 characters long."))
    parsed = parse_ecb_xml(xml_bytes)
    rows = [
        ExchangeRate(
            source=source,
            base=EUR,
            quote=row.quote,
            rate=row.rate,
            rate_date=row.rate_date,
            imported_at=now,
        )
        for row in parsed
    ]
    # One upsert statement per batch instead of two queries per rate (history files hold 100k+).
    ExchangeRate.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["source", "base", "quote", "rate_date"],
        update_fields=["rate", "imported_at"],
    )
    return RateImport(count=len(rows), rate_dates=tuple(sorted({row.rate_date for row in parsed})))
