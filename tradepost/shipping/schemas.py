"""API shapes of a seller's shipping templates.

Inputs take plain strings and integers: shipping.writes checks every value, so a bad country,
group, carrier, amount or day count comes back as `invalid_shipping_template` with a message
under its field (`zones.1.carrier`). An unknown field is a 422. Amounts are minor units of the
store's settlement currency (`currency` in the output).
"""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.shipping.models import ShippingTemplate, ShippingZone
from tradepost.shipping.writes import TemplateInput, ZoneInput

_COUNTRIES = 'ISO 3166-1 alpha-2 codes, e.g. ["FR", "DE"]'
_GROUPS = (
    "Country groups: EU, EUROPE, NORTH_AMERICA, LATIN_AMERICA, ASIA_PACIFIC, MIDDLE_EAST_AFRICA, "
    "or WORLD (everywhere else). A zone naming the country beats one covering it by a group"
)


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


class ZoneIn(_In):
    id: int | None = Field(
        None, description="An existing zone of this template to keep (PUT); omit for a new zone"
    )
    countries: list[str] = Field(default_factory=list, description=_COUNTRIES)
    groups: list[str] = Field(default_factory=list, description=_GROUPS)
    service: str = Field("standard", description="economy, standard or express")
    carrier: str = Field(description="A carrier code, e.g. dhl, china-post, yunexpress, ups")
    pricing: str = Field(
        "flat",
        description="flat (first_minor per parcel), per_item (first item + each additional) or "
        "by_weight (first weight_unit_g + each additional started unit)",
    )
    first_minor: int = 0
    additional_minor: int = 0
    weight_unit_g: int = 500
    free_over_minor: int | None = Field(
        None, description="Items total from which this zone ships free; null: never"
    )
    processing_days: int = Field(3, description="Business days before handing over, 0–30")
    transit_days_min: int = Field(7, description="Business days in transit")
    transit_days_max: int = 20

    def to_input(self) -> ZoneInput:
        return ZoneInput(**self.model_dump())


class TemplateIn(_In):
    name: str
    ship_from_country: str = Field(description="Where parcels leave from (ISO code)")
    excluded_countries: list[str] = Field(
        default_factory=list, description="Destinations never served, whatever the zones say"
    )
    is_default: bool | None = Field(
        None,
        description="true: listings without a template of their own use this one. The default "
        "cannot be switched off: make another template the default instead",
    )
    zones: list[ZoneIn] = Field(description="At least one")

    def to_input(self) -> TemplateInput:
        return TemplateInput(
            name=self.name,
            ship_from_country=self.ship_from_country,
            excluded_countries=self.excluded_countries,
            is_default=self.is_default,
            zones=[zone.to_input() for zone in self.zones],
        )


class ZoneOut(Schema):
    id: int
    countries: list[str]
    groups: list[str]
    service: str
    carrier: str
    pricing: str
    first_minor: int
    additional_minor: int
    weight_unit_g: int
    free_over_minor: int | None
    processing_days: int
    transit_days_min: int
    transit_days_max: int


class TemplateOut(Schema):
    id: str = Field(description="The template's public id")
    name: str
    ship_from_country: str
    excluded_countries: list[str]
    is_default: bool
    currency: str = Field(description="The currency of every amount (the store's)")
    listing_count: int = Field(description="Listings that chose this template")
    zones: list[ZoneOut]
    created_at: datetime
    updated_at: datetime


class TemplateListOut(Schema):
    items: list[TemplateOut]


def _zone_out(zone: ShippingZone) -> ZoneOut:
    return ZoneOut(
        id=zone.id, countries=zone.countries, groups=zone.groups, service=zone.service,
        carrier=zone.carrier, pricing=zone.pricing, first_minor=zone.first_minor,
        additional_minor=zone.additional_minor, weight_unit_g=zone.weight_unit_g,
        free_over_minor=zone.free_over_minor, processing_days=zone.processing_days,
        transit_days_min=zone.transit_days_min, transit_days_max=zone.transit_days_max,
    )  # fmt: skip


def template_out(template: ShippingTemplate, currency: str) -> TemplateOut:
    """From a template read by template_selectors (zones prefetched, listing_count)."""
    return TemplateOut(
        id=template.public_id, name=template.name,
        ship_from_country=template.ship_from_country.code,
        excluded_countries=template.excluded_countries, is_default=template.is_default,
        currency=currency, listing_count=template.listing_count,
        zones=[_zone_out(zone) for zone in template.zones.all()],
        created_at=template.created_at, updated_at=template.updated_at,
    )  # fmt: skip
