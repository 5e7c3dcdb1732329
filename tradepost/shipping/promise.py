"""Delivery promises: "arrives between 9 Dec and 22 Dec", counted in business days.

The seller's processing days and the carrier's transit days are business days (Monday to
Friday): a parcel neither leaves nor moves on the count over a weekend. Where tracking has
measured a route well enough (tracking.selectors.route_transit_days), the measured transit days
replace the template's.
"""

import datetime as dt
from dataclasses import dataclass

SATURDAY = 5


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date `days` business days after `start` (a weekend `start` counts from Monday)."""
    current = start
    while current.weekday() >= SATURDAY:
        current += dt.timedelta(days=1)
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < SATURDAY:
            remaining -= 1
    return current


@dataclass(frozen=True)
class Promise:
    earliest: dt.date
    latest: dt.date
    measured: bool  # from tracked deliveries on the route, not the seller's estimate


def promise(
    *,
    today: dt.date,
    processing_days: int,
    transit_min: int,
    transit_max: int,
    measured: tuple[int, int] | None = None,
) -> Promise:
    """When a parcel ordered `today` arrives: after processing, then transit. `measured` is a
    route's (median, 90th percentile) transit in business days from tracking."""
    if measured is not None:
        transit_min, transit_max = measured
    return Promise(
        earliest=add_business_days(today, processing_days + transit_min),
        latest=add_business_days(today, processing_days + max(transit_max, transit_min)),
        measured=measured is not None,
    )
