"""Reads of tracking: an order's parcel and its events, and delivery performance per route.

A route is (origin country, destination country, carrier). Its transit time is counted in
business days (Monday to Friday, as delivery promises are: shipping.promise) from the day the
seller shipped to the day the carrier delivered.
"""

import datetime as dt
import math
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from tradepost.shipping.promise import SATURDAY
from tradepost.tracking.models import Shipment, TrackingEvent
from tradepost.tracking.services import carrier_name, tracking_url

ROUTE_CACHE_SECONDS = 600
_NONE = "none"


@dataclass(frozen=True)
class Tracking:
    carrier: str
    carrier_name: str
    tracking_number: str
    url: str
    delivered_at: dt.datetime | None
    events: list[TrackingEvent]  # oldest first, by when they happened


def events_for_order(order) -> list[TrackingEvent]:
    return list(TrackingEvent.objects.filter(shipment__order=order).order_by("occurred_at", "id"))


def tracking_for_order(order) -> Tracking | None:
    """The order's parcel and its events (two queries), or None before it shipped."""
    shipment = Shipment.objects.filter(order=order).first()
    if shipment is None:
        return None
    return Tracking(
        carrier=shipment.carrier,
        carrier_name=carrier_name(shipment.carrier),
        tracking_number=shipment.tracking_number,
        url=tracking_url(shipment.carrier, shipment.tracking_number),
        delivered_at=shipment.delivered_at,
        events=list(shipment.events.order_by("occurred_at", "id")),
    )


# --- delivery performance ----------------------------------------------------------------------


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days from `start` to `end`: the n with shipping.promise.add_business_days(start,
    n) == end for a weekday `end` (a weekend `start` counts from Monday)."""
    while start.weekday() >= SATURDAY:
        start += dt.timedelta(days=1)
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < SATURDAY:
            count += 1
    return count


def percentile(values: list[int], share: float) -> int:
    """Nearest-rank percentile of non-empty `values` (share 0.9: the 90th)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass(frozen=True)
class Route:
    origin: str
    destination: str
    carrier: str
    carrier_name: str
    deliveries: int
    median_days: float
    p90_days: int


def route_performance(
    *,
    origin: str | None = None,
    destination: str | None = None,
    carrier: str | None = None,
    store=None,
    since: dt.datetime | None = None,
) -> list[Route]:
    """Per route, from shipments both shipped and delivered (optionally only those shipped
    `since`): how many, and the median and 90th-percentile business days. One query; routes
    with the most deliveries first."""
    rows = Shipment.objects.filter(delivered_at__isnull=False)
    filters = {"origin_country": origin, "destination_country": destination, "carrier": carrier}
    rows = rows.filter(**{name: value for name, value in filters.items() if value})
    if store is not None:
        rows = rows.filter(order__store=store)
    if since is not None:
        rows = rows.filter(shipped_at__gte=since)
    days: dict[tuple[str, str, str], list[int]] = {}
    for key_origin, key_destination, key_carrier, shipped, delivered in rows.values_list(
        "origin_country", "destination_country", "carrier", "shipped_at", "delivered_at"
    ):
        days.setdefault((key_origin, key_destination, key_carrier), []).append(
            business_days_between(shipped.date(), delivered.date())
        )
    routes = [
        Route(
            origin=route[0], destination=route[1], carrier=route[2],
            carrier_name=carrier_name(route[2]), deliveries=len(values),
            median_days=float(statistics.median(values)), p90_days=percentile(values, 0.9),
        )
        for route, values in days.items()
    ]  # fmt: skip
    return sorted(routes, key=lambda r: (-r.deliveries, r.origin, r.destination, r.carrier))


def route_transit_days(origin: str, destination: str, carrier: str) -> tuple[int, int] | None:
    """(median rounded up, 90th percentile) business days on the route once it has at least
    settings.DELIVERY_PERFORMANCE_MIN_SAMPLES deliveries, else None. Cached ten minutes."""
    key = f"tracking:route:{origin}:{destination}:{carrier}"
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _NONE else tuple(cached)
    found = route_performance(origin=origin, destination=destination, carrier=carrier)
    result = None
    if found and found[0].deliveries >= settings.DELIVERY_PERFORMANCE_MIN_SAMPLES:
        result = (math.ceil(found[0].median_days), found[0].p90_days)
    cache.set(key, _NONE if result is None else list(result), ROUTE_CACHE_SECONDS)
    return result
