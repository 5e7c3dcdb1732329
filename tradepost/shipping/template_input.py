"""What a seller sends to create or change a shipping template, and the checks it must pass.

Pure validation, no writes: `clean_template` and `clean_zone` return the model fields or a
message per field (every problem at once, so a form or an API client can show them all).
Amounts are minor units of the store's settlement currency.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.shipping import carriers, regions
from tradepost.shipping.models import Pricing, ServiceLevel

MAX_TEMPLATES = 50  # per store
MAX_ZONES = 50  # per template
MAX_NAME = 120
MAX_PRICE_MINOR = 10**10  # a parcel's price or each additional unit
MAX_FREE_OVER_MINOR = 10**13  # the catalog's highest price
MAX_WEIGHT_UNIT_G = 100_000
MAX_PROCESSING_DAYS = 30
MAX_TRANSIT_DAYS = 120

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class ZoneInput:
    """One way to ship to some destinations. `id`: an existing zone of the template being
    updated (kept, changed in place); None for a new zone."""

    carrier: str
    countries: Sequence[str] = ()
    groups: Sequence[str] = ()
    service: str = ServiceLevel.STANDARD
    pricing: str = Pricing.FLAT
    first_minor: int = 0
    additional_minor: int = 0
    weight_unit_g: int = 500
    free_over_minor: int | None = None
    processing_days: int = 3
    transit_days_min: int = 7
    transit_days_max: int = 20
    id: int | None = None


@dataclass(frozen=True)
class TemplateInput:
    """A template and its zones. `zones=None` on update keeps the zones as they are;
    `is_default=None` keeps the template's role (a new template becomes the default when it is
    the store's first)."""

    name: str
    ship_from_country: str
    excluded_countries: Sequence[str] = ()
    is_default: bool | None = None
    zones: Sequence[ZoneInput] | None = None


def country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def _codes(values, known, errors: Errors, field: str, unknown_message: str) -> list[str]:
    """Upper-cased, de-duplicated codes in the order given; unknown ones are reported."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        errors[field] = [_("Give a list of codes.")]
        return []
    clean: list[str] = []
    bad: list[str] = []
    for value in values:
        code = value.strip().upper() if isinstance(value, str) else ""
        if code in known:
            if code not in clean:
                clean.append(code)
        elif code not in bad:
            bad.append(code or "?")
    if bad:
        errors[field] = [unknown_message % {"codes": ", ".join(bad[:10])}]
    return clean


def _int(value, low: int, high: int, errors: Errors, field: str, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[field] = [message]
        return low
    return value


def _amount(value, high: int, errors: Errors, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        errors[field] = [_("Enter an amount.")]
    elif value < 0:
        errors[field] = [_("Enter an amount of 0 or more.")]
    elif value > high:
        errors[field] = [_("This amount is too large.")]
    else:
        return value
    return 0


def clean_zone(data: ZoneInput) -> tuple[dict, Errors]:
    """The ShippingZone fields of `data`, and the messages of its invalid fields."""
    errors: Errors = {}
    fields = {
        "countries": _codes(
            data.countries, country_codes(), errors, "countries",
            _("Unknown country code: %(codes)s."),
        ),
        "groups": _codes(
            data.groups, {*regions.GROUPS, regions.WORLD}, errors, "groups",
            _("Unknown country group: %(codes)s."),
        ),
    }  # fmt: skip
    if not fields["countries"] and not fields["groups"] and not errors:
        errors["countries"] = [_("Name at least one country or country group.")]
    choices = (
        ("service", ServiceLevel.values, _("Choose economy, standard or express.")),
        ("carrier", list(carriers.CARRIERS), _("Choose a carrier from the list.")),
        ("pricing", Pricing.values, _("Choose how the price is worked out.")),
    )
    for field, allowed, message in choices:
        value = getattr(data, field)
        fields[field] = value if value in allowed else ""
        if not fields[field]:
            errors[field] = [message]
    fields["first_minor"] = _amount(data.first_minor, MAX_PRICE_MINOR, errors, "first_minor")
    fields["additional_minor"] = _amount(
        data.additional_minor, MAX_PRICE_MINOR, errors, "additional_minor"
    )
    fields["free_over_minor"] = (
        None
        if data.free_over_minor is None
        else _amount(data.free_over_minor, MAX_FREE_OVER_MINOR, errors, "free_over_minor")
    )
    fields["weight_unit_g"] = _int(
        data.weight_unit_g, 1, MAX_WEIGHT_UNIT_G, errors, "weight_unit_g",
        _("Enter a weight from 1 to %(max)s g.") % {"max": MAX_WEIGHT_UNIT_G},
    )  # fmt: skip
    fields.update(_days(data, errors))
    return fields, errors


def _days(data: ZoneInput, errors: Errors) -> dict:
    days = {
        field: _int(
            getattr(data, field), 0, high, errors, field,
            _("Enter 0 to %(max)s business days.") % {"max": high},
        )
        for field, high in (
            ("processing_days", MAX_PROCESSING_DAYS),
            ("transit_days_min", MAX_TRANSIT_DAYS),
            ("transit_days_max", MAX_TRANSIT_DAYS),
        )
    }  # fmt: skip
    if "transit_days_min" not in errors and "transit_days_max" not in errors:
        if days["transit_days_min"] > days["transit_days_max"]:
            errors["transit_days_max"] = [_("The maximum cannot be less than the minimum.")]
    return days


def overlap_errors(zones: list[dict], prefix: str = "zones") -> Errors:
    """Two zones of one service level naming the same country (or the same group) would leave
    the buyer's price to chance: the later zone gets the message."""
    errors: Errors = {}
    seen: dict[tuple[str, str, str], int] = {}
    for index, zone in enumerate(zones):
        for kind in ("countries", "groups"):
            clashes = []
            for code in zone[kind]:
                earlier = seen.setdefault((zone["service"], kind, code), index)
                if earlier != index:
                    clashes.append(code)
            if clashes:
                message = _("Already in another %(service)s zone: %(codes)s.") % {
                    "service": ServiceLevel(zone["service"]).label.lower(),
                    "codes": ", ".join(clashes[:10]),
                }
                errors[f"{prefix}.{index}.{kind}"] = [message]
    return errors


def clean_template(data: TemplateInput, *, taken_names: set[str]) -> tuple[dict, Errors]:
    """The ShippingTemplate fields of `data` (without its zones) and the messages of its invalid
    fields. `taken_names`: the lower-cased names of the store's other templates."""
    errors: Errors = {}
    name = data.name.strip() if isinstance(data.name, str) else ""
    if not name:
        errors["name"] = [_("Give the template a name.")]
    elif len(name) > MAX_NAME:
        errors["name"] = [_("Use at most %(n)s characters.") % {"n": MAX_NAME}]
    elif name.lower() in taken_names:
        errors["name"] = [_("You already have a template with this name.")]
    ship_from = data.ship_from_country
    ship_from = ship_from.strip().upper() if isinstance(ship_from, str) else ""
    if ship_from not in country_codes():
        errors["ship_from_country"] = [_("Choose the country the parcels leave from.")]
    excluded = _codes(
        data.excluded_countries, country_codes(), errors, "excluded_countries",
        _("Unknown country code: %(codes)s."),
    )  # fmt: skip
    return {"name": name, "ship_from_country": ship_from, "excluded_countries": excluded}, errors


def clean_zones(zones, errors: Errors) -> list[dict]:
    """The zones of a whole template (at least one, at most MAX_ZONES); messages under
    `zones.<index>.<field>`. Each dict carries the zone's `id` (None for a new one)."""
    if isinstance(zones, str | bytes) or not isinstance(zones, Sequence) or not zones:
        errors["zones"] = [_("Add at least one zone: where you ship, how and at what price.")]
        return []
    if len(zones) > MAX_ZONES:
        errors["zones"] = [_("A template can have at most %(n)s zones.") % {"n": MAX_ZONES}]
        return []
    cleaned, zone_errors = [], {}
    for index, zone in enumerate(zones):
        if not isinstance(zone, ZoneInput):
            zone_errors[f"zones.{index}"] = [_("Not a zone.")]
            continue
        fields, field_errors = clean_zone(zone)
        zone_errors.update({f"zones.{index}.{name}": m for name, m in field_errors.items()})
        cleaned.append({**fields, "id": zone.id})
    errors.update(zone_errors or overlap_errors(cleaned))
    return cleaned
