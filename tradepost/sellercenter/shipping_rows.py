"""What the shipping templates table shows per template and per zone, in the reader's language."""

from dataclasses import dataclass

from django_countries import countries

from tradepost.money.money import Money
from tradepost.shipping import carriers, regions
from tradepost.shipping.models import Pricing, ServiceLevel, ShippingTemplate, ShippingZone


@dataclass
class ZoneRow:
    service: str
    carrier: str
    destinations: list[str]
    pricing: str  # a Pricing value
    first: Money
    additional: Money
    weight_unit_g: int
    free_over: Money | None
    processing_days: int
    transit_min: int
    transit_max: int

    @property
    def per_item(self) -> bool:
        return self.pricing == Pricing.PER_ITEM

    @property
    def by_weight(self) -> bool:
        return self.pricing == Pricing.BY_WEIGHT


@dataclass
class TemplateRow:
    template: ShippingTemplate
    ship_from: str
    excluded: list[str]
    zones: list[ZoneRow]
    listing_count: int  # listings that chose it (plus those without a template, for the default)


def destination_names(codes: list[str], groups: list[str] = ()) -> list[str]:
    names = [str(regions.GROUP_LABELS.get(group, group)) for group in groups]
    return names + [countries.name(code) or code for code in codes]


def _zone_row(zone: ShippingZone, currency: str) -> ZoneRow:
    carrier = carriers.CARRIERS.get(zone.carrier)
    return ZoneRow(
        service=str(ServiceLevel(zone.service).label),
        carrier=carrier.name if carrier else zone.carrier,
        destinations=destination_names(zone.countries, zone.groups),
        pricing=zone.pricing,
        first=Money(zone.first_minor, currency),
        additional=Money(zone.additional_minor, currency),
        weight_unit_g=zone.weight_unit_g,
        free_over=None if zone.free_over_minor is None else Money(zone.free_over_minor, currency),
        processing_days=zone.processing_days,
        transit_min=zone.transit_days_min,
        transit_max=zone.transit_days_max,
    )


def template_rows(templates, currency: str, without_template: int) -> list[TemplateRow]:
    """`templates` from template_selectors (zones prefetched, `listing_count`);
    `without_template`: the store's listings that ship with the default."""
    return [
        TemplateRow(
            template=template,
            ship_from=countries.name(template.ship_from_country.code),
            excluded=destination_names(template.excluded_countries),
            zones=[_zone_row(zone, currency) for zone in template.zones.all()],
            listing_count=template.listing_count + (without_template if template.is_default else 0),
        )
        for template in templates
    ]
