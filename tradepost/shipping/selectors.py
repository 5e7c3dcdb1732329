"""Shipping reads for pages: the options one product has to a destination, and the delivery
promise of an option (measured on the route by tracking when enough parcels arrived)."""

import datetime as dt

from tradepost.shipping import services, zones
from tradepost.shipping.promise import Promise, promise
from tradepost.tracking.selectors import route_transit_days


def product_options(
    product, *, unit_price_minor: int, quantity: int, destination: str
) -> list[services.ShippingOption]:
    """How `quantity` units of `product` alone could reach `destination`, cheapest first (empty:
    it does not ship there). Two queries (the store's templates and zones)."""
    templates = zones.templates_for_stores([product.store_id])[product.store_id]
    return services.options_for_group(
        store=product.store,
        lines=[
            services.ParcelLine(
                template_id=product.shipping_template_id,
                quantity=quantity,
                weight_g=product.weight_g,
            )
        ],
        destination=destination,
        store_items_minor=unit_price_minor * quantity,
        templates=templates,
    )


def ships_to(product, destination: str) -> bool:
    return bool(product_options(product, unit_price_minor=0, quantity=1, destination=destination))


def promise_for(option: services.ShippingOption, *, today: dt.date, destination: str) -> Promise:
    """When a parcel sent by `option` and ordered `today` arrives at `destination`: the route's
    measured transit (median, 90th percentile) when tracking has enough deliveries for it, else
    the seller's estimate."""
    measured = (
        route_transit_days(option.ship_from, destination, option.carrier)
        if option.carrier and option.ship_from
        else None
    )
    return promise(
        today=today,
        processing_days=option.processing_days,
        transit_min=option.days_min,
        transit_max=option.days_max,
        measured=measured,
    )
