"""What shipping a seller group can choose, and a seller's template writes.

`options_for_group` is the one place that prices shipping: the product page, the cart, the
checkout review and `place_checkout` all ask it, so the amount a buyer sees is the amount the
order snapshots.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tradepost.sellers.models import Store
from tradepost.shipping import carriers, zones
from tradepost.shipping.models import Pricing, ServiceLevel, ShippingZone

# A store that has not set up any template yet ships as before templates existed: free,
# standard, 7–20 days from the store's country (so a new store's listings can still be bought).
FALLBACK_TRANSIT = (7, 20)
FALLBACK_PROCESSING_DAYS = 3
SERVICE_ORDER = [ServiceLevel.ECONOMY, ServiceLevel.STANDARD, ServiceLevel.EXPRESS]


@dataclass(frozen=True)
class ShippingOption:
    code: str  # service level
    label: str
    carrier: str  # shipping.carriers code, "" for the built-in fallback
    store_amount_minor: int  # in the store's settlement currency
    processing_days: int
    days_min: int  # transit, business days
    days_max: int
    free_over_minor: int | None  # items subtotal (store currency) from which it is free
    ship_from: str


@dataclass(frozen=True)
class ParcelLine:
    """One cart line as shipping sees it."""

    template_id: int | None  # the product's own template, None for the store's default
    quantity: int
    weight_g: int  # per unit


def zone_cost(zone: ShippingZone, *, items_minor: int, quantity: int, weight_g: int) -> int:
    """The price of shipping `quantity` units weighing `weight_g` in total by `zone` (store
    currency); free from the zone's threshold."""
    if zone.free_over_minor is not None and items_minor >= zone.free_over_minor:
        return 0
    if zone.pricing == Pricing.PER_ITEM:
        return zone.first_minor + zone.additional_minor * max(quantity - 1, 0)
    if zone.pricing == Pricing.BY_WEIGHT:
        units = max(-(-weight_g // zone.weight_unit_g), 1)  # started units, at least one
        return zone.first_minor + zone.additional_minor * (units - 1)
    return zone.first_minor


def _label(service: str, carrier_code: str) -> str:
    name = ServiceLevel(service).label
    carrier = carriers.CARRIERS.get(carrier_code)
    return f"{name} · {carrier.name}" if carrier else str(name)


def _fallback(store: Store) -> list[ShippingOption]:
    low, high = FALLBACK_TRANSIT
    return [
        ShippingOption(
            ServiceLevel.STANDARD,
            str(_("Standard shipping")),
            "",
            0,
            FALLBACK_PROCESSING_DAYS,
            low,
            high,
            None,
            store.country.code if store.country else "",
        )
    ]


def options_for_group(
    *,
    store: Store,
    lines: list[ParcelLine],
    destination: str,
    store_items_minor: int,
    templates: "zones.StoreTemplates",
) -> list[ShippingOption]:
    """The ways one seller's parcel with `lines` can reach `destination`, cheapest first. Empty
    when some product of the parcel does not ship there. Products on different templates ship in
    one parcel: a service is offered only when every template offers it, at the sum of each
    template's price for its own lines, as slow as the slowest."""
    if not templates.any:
        return _fallback(store)
    by_template: dict[int, list[ParcelLine]] = {}
    for line in lines:
        template = templates.for_product(line.template_id)
        if template is None:
            return []
        by_template.setdefault(template.id, []).append(line)
    # service level → zone, per template: computed once, then used for every service.
    best = {tid: zones.best_zones(templates.get(tid), destination) for tid in by_template}
    offered = set.intersection(*(set(zones_by_service) for zones_by_service in best.values()))
    options = []
    for service in SERVICE_ORDER:
        if service not in offered:
            continue
        amount, processing, low, high = 0, 0, 0, 0
        carrier, free_over = "", None
        for template_id, template_lines in by_template.items():
            zone = best[template_id][service]
            amount += zone_cost(
                zone,
                items_minor=store_items_minor,
                quantity=sum(line.quantity for line in template_lines),
                weight_g=sum(line.weight_g * line.quantity for line in template_lines),
            )
            processing = max(processing, zone.processing_days)
            low, high = max(low, zone.transit_days_min), max(high, zone.transit_days_max)
            carrier = carrier or zone.carrier
            free_over = zone.free_over_minor if len(by_template) == 1 else None
        template = templates.get(next(iter(by_template)))
        options.append(
            ShippingOption(
                service,
                _label(service, carrier),
                carrier,
                amount,
                processing,
                low,
                high,
                free_over,
                template.ship_from_country.code,
            )
        )
    return sorted(options, key=lambda option: (option.store_amount_minor, option.days_max))


def choose(options: list[ShippingOption], chosen: str | None) -> ShippingOption | None:
    """The buyer's chosen service when offered, else the cheapest."""
    for option in options:
        if option.code == chosen:
            return option
    return options[0] if options else None


def fastest(options: list[ShippingOption]) -> ShippingOption | None:
    return min(
        options, key=lambda option: (option.days_max, option.store_amount_minor), default=None
    )
