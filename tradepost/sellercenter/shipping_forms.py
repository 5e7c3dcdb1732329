"""Forms of the shipping template editor: the template, and one form per zone row.

They only shape input — decimals into minor units of the store's currency, "FR, de" into codes —
and shipping.writes checks every rule; its messages come back under these fields (`zones.2.carrier`
under the third row's carrier).

Zone rows are keyed: each row posts its key in `zone` and its fields under the prefix
`zone-<key>`, so rows can be added and removed (htmx, or the buttons without JavaScript) in any
order without renumbering.
"""

import re
import secrets
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.errors import DomainError
from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money
from tradepost.shipping import carriers, regions
from tradepost.shipping.models import Pricing, ServiceLevel, ShippingTemplate
from tradepost.shipping.template_input import MAX_ZONES, TemplateInput, ZoneInput

ROW_KEY = re.compile(r"[a-z0-9]{1,16}")
# Service field name → the zone form's field that shows its message.
ZONE_FIELDS = {
    "first_minor": "first_price",
    "additional_minor": "additional_price",
    "free_over_minor": "free_over",
    "id": None,
}


def codes(text: str) -> list[str]:
    """ "fr, DE  it" → ["FR", "DE", "IT"] (unknown codes are reported by shipping.writes)."""
    return [part.upper() for part in re.split(r"[\s,;]+", text or "") if part]


def new_row_key() -> str:
    return secrets.token_hex(4)


class TemplateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120,
        help_text=_("Only you see it, e.g. “Small parcels” or “Bulky items”."),
    )  # fmt: skip
    ship_from_country = forms.ChoiceField(label=_("Ships from"), choices=countries)
    excluded_countries = forms.CharField(
        label=_("Never ship to"), required=False,
        help_text=_("Country codes separated by commas, e.g. RU, BY. Refused whatever the zones say."),
    )  # fmt: skip
    is_default = forms.BooleanField(
        label=_("Default template: listings without a template of their own ship with it"),
        required=False,
    )

    def __init__(self, *args, is_default: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.already_default = is_default
        if is_default:  # the default only changes by making another template the default
            del self.fields["is_default"]


class ZoneForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    countries = forms.CharField(
        label=_("Countries"), required=False, max_length=2000,
        help_text=_("Country codes separated by commas, e.g. FR, DE, IT."),
    )  # fmt: skip
    groups = forms.MultipleChoiceField(
        label=_("Country groups"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(code, label) for code, label in regions.GROUP_LABELS.items()],
    )  # fmt: skip
    service = forms.ChoiceField(
        label=_("Service"), choices=ServiceLevel.choices, initial=ServiceLevel.STANDARD
    )
    carrier = forms.ChoiceField(
        label=_("Carrier"),
        choices=[
            ("", "—"),
            *sorted(((c.code, c.name) for c in carriers.CARRIERS.values()), key=lambda c: c[1]),
        ],
        error_messages={"required": _("Choose a carrier from the list.")},
    )
    pricing = forms.ChoiceField(label=_("Pricing"), choices=Pricing.choices, initial=Pricing.FLAT)
    first_price = forms.DecimalField(
        label=_("Price"), max_digits=16, initial=0,
        help_text=_("Per parcel, for the first item, or for the first weight unit."),
    )  # fmt: skip
    additional_price = forms.DecimalField(
        label=_("Each additional item or weight unit"), max_digits=16, initial=0, required=False
    )
    weight_unit_g = forms.IntegerField(
        label=_("Weight unit (g)"), initial=500, help_text=_("For pricing by weight.")
    )
    free_over = forms.DecimalField(label=_("Free shipping from"), max_digits=16, required=False)
    processing_days = forms.IntegerField(
        label=_("Processing days"), initial=3,
        help_text=_("Business days before you hand the parcel over (0 to 30)."),
    )  # fmt: skip
    transit_days_min = forms.IntegerField(label=_("Transit days, at least"), initial=7)
    transit_days_max = forms.IntegerField(
        label=_("Transit days, at most"), initial=20, help_text=_("Business days.")
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["first_price"].label = _("Price (%(currency)s)") % {"currency": currency}
        self.fields["free_over"].help_text = _(
            "Items total in %(currency)s from which this zone ships free. Empty: never free."
        ) % {"currency": currency}

    def _minor(self, field: str) -> int | None:
        amount = self.cleaned_data.get(field)
        if amount is None:
            return None
        try:
            return Money.from_decimal(amount, self.currency).minor
        except InvalidAmount as error:
            self.add_error(field, str(error.message))
            return None

    def zone_input(self) -> ZoneInput | None:
        """The row as shipping.writes takes it, or None when an amount has too many decimals."""
        data = self.cleaned_data
        first, additional = self._minor("first_price"), self._minor("additional_price")
        free_over = self._minor("free_over")
        if self.errors:
            return None
        return ZoneInput(
            id=data["id"], countries=codes(data["countries"]), groups=data["groups"],
            service=data["service"], carrier=data["carrier"], pricing=data["pricing"],
            first_minor=first or 0, additional_minor=additional or 0,
            weight_unit_g=data["weight_unit_g"], free_over_minor=free_over,
            processing_days=data["processing_days"], transit_days_min=data["transit_days_min"],
            transit_days_max=data["transit_days_max"],
        )  # fmt: skip


class DeleteForm(forms.Form):
    """Deleting the default template while others exist names the new default."""

    new_default = forms.ChoiceField(label=_("New default template"), required=False)

    def __init__(self, *args, new_defaults: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        if new_defaults:
            self.fields["new_default"].choices = [("", "—"), *new_defaults]
            self.fields["new_default"].required = True
        else:
            del self.fields["new_default"]


# --- building the editor from a template, from a POST, or for an htmx re-render -----------------


def _amount(minor: int | None, currency: str) -> Decimal | None:
    return None if minor is None else Money(minor, currency).amount


def template_initial(template: ShippingTemplate) -> dict:
    return {
        "name": template.name,
        "ship_from_country": template.ship_from_country.code,
        "excluded_countries": ", ".join(template.excluded_countries),
    }


def rows_for_template(template: ShippingTemplate, currency: str) -> list[tuple[str, ZoneForm]]:
    rows = []
    for zone in template.zones.all():
        initial = {
            "id": zone.id, "countries": ", ".join(zone.countries), "groups": zone.groups,
            "service": zone.service, "carrier": zone.carrier, "pricing": zone.pricing,
            "first_price": _amount(zone.first_minor, currency),
            "additional_price": _amount(zone.additional_minor, currency),
            "weight_unit_g": zone.weight_unit_g,
            "free_over": _amount(zone.free_over_minor, currency),
            "processing_days": zone.processing_days,
            "transit_days_min": zone.transit_days_min, "transit_days_max": zone.transit_days_max,
        }  # fmt: skip
        key = f"z{zone.id}"
        rows.append((key, ZoneForm(prefix=f"zone-{key}", initial=initial, currency=currency)))
    return rows


def blank_row(currency: str, initial: dict | None = None) -> tuple[str, ZoneForm]:
    key = new_row_key()
    return key, ZoneForm(prefix=f"zone-{key}", initial=initial or {}, currency=currency)


def posted_keys(data) -> list[str]:
    keys = [key for key in data.getlist("zone") if ROW_KEY.fullmatch(key)]
    return list(dict.fromkeys(keys))[:MAX_ZONES]


def rows_from_post(data, currency: str) -> list[tuple[str, ZoneForm]]:
    return [
        (key, ZoneForm(data, prefix=f"zone-{key}", currency=currency)) for key in posted_keys(data)
    ]


def unbound(form: forms.Form, **kwargs) -> forms.Form:
    """The posted form again, as typed, without validating it (when a row is added or removed
    nothing is saved, so nothing is reported yet). `kwargs`: the form's own arguments."""
    initial = {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }
    return type(form)(prefix=form.prefix, initial=initial, **kwargs)


def template_input(form: TemplateForm, zones: list[ZoneInput]) -> TemplateInput:
    data = form.cleaned_data
    is_default = True if form.already_default else data.get("is_default") or None
    return TemplateInput(
        name=data["name"], ship_from_country=data["ship_from_country"],
        excluded_countries=codes(data["excluded_countries"]), is_default=is_default,
        zones=zones,
    )  # fmt: skip


def show_error(form: TemplateForm, rows: list[tuple[str, ZoneForm]], error: DomainError) -> None:
    """Put the service's messages under the fields they are about: `zones.<i>.<field>` on row
    i, the rest on the template form."""
    placed = False
    for key, messages in error.fields.items():
        parts = key.split(".")
        row = (
            int(parts[1]) if len(parts) > 1 and parts[0] == "zones" and parts[1].isdigit() else None
        )
        if row is not None and row < len(rows):
            zone_form = rows[row][1]
            field = ZONE_FIELDS.get(parts[2], parts[2]) if len(parts) > 2 else None
            target, owner = (field if field in zone_form.fields else None), zone_form
        else:
            target, owner = (key if key in form.fields else None), form
        for message in messages:
            owner.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, str(error.message))
