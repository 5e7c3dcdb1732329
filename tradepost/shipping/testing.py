"""Shipping templates for tests: one call gives a store a default template."""

from tradepost import clock
from tradepost.shipping.models import Pricing, ShippingTemplate, ShippingZone


def template(
    store,
    *,
    zones: list[dict] | None = None,
    ship_from: str | None = None,
    name: str = "Standard",
    is_default: bool = True,
    excluded: list[str] | None = None,
) -> ShippingTemplate:
    """A template for `store` with `zones` (ShippingZone field dicts; default: one worldwide
    standard zone, free, 7–20 days)."""
    now = clock.now()
    if is_default:  # a test changing a store's shipping replaces its default template
        ShippingTemplate.objects.filter(store=store, is_default=True).delete()
    made = ShippingTemplate.objects.create(
        store=store,
        name=name,
        ship_from_country=ship_from or store.country,
        is_default=is_default,
        excluded_countries=excluded or [],
        created_at=now,
        updated_at=now,
    )
    for fields in zones or [{"groups": ["WORLD"]}]:
        ShippingZone.objects.create(template=made, **{"carrier": "dhl", **fields})
    return made


def flat_rate(
    store,
    *,
    rate_minor: int,
    free_over_minor: int | None = None,
    days_min: int = 7,
    days_max: int = 20,
    processing_days: int = 2,
) -> ShippingTemplate:
    """A default template shipping anywhere at one price per parcel (what stores had before
    templates): the quickest set-up for tests about money rather than shipping."""
    return template(
        store,
        zones=[
            {
                "groups": ["WORLD"],
                "pricing": Pricing.FLAT,
                "first_minor": rate_minor,
                "free_over_minor": free_over_minor,
                "processing_days": processing_days,
                "transit_days_min": days_min,
                "transit_days_max": days_max,
            }
        ],
    )
