"""Staff forms for country restrictions. Rules live in restrictions.services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.restrictions import selectors
from tradepost.restrictions.models import LEGAL_REF_HELP, REASON_HELP

AVAILABILITY = [
    ("off", _("Switch off: no deliveries to this country")),
    ("on", _("Switch back on")),
]


class _Basis(forms.Form):
    legal_ref = forms.CharField(label=_("Legal basis"), max_length=300, help_text=LEGAL_REF_HELP)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CountryPolicyForm(_Basis):
    country = forms.ChoiceField(label=_("Ship-to country"), choices=lambda: list(countries))
    availability = forms.ChoiceField(
        label=_("Deliveries"), choices=AVAILABILITY, widget=forms.RadioSelect, initial="off"
    )
    effective_from = forms.DateTimeField(
        label=_("Effective from (UTC)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: now."),
    )
    field_order = ["country", "availability", "effective_from", "legal_ref", "reason"]


def _codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text) if code]


class _Countries(_Basis):
    countries = forms.CharField(
        label=_("Ship-to countries"),
        max_length=400,
        help_text=_("ISO country codes separated by commas, e.g. “DE, AT”."),
    )

    def country_codes(self) -> list[str]:
        return _codes(self.cleaned_data["countries"])


class CategoryRestrictionForm(_Countries):
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, help_text=_("Also applies to every category under it.")
    )
    field_order = ["category", "countries", "legal_ref", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = selectors.category_choices()  # one query per form


class ListingRestrictionForm(_Countries):
    product = forms.CharField(
        label=_("Listing id"), max_length=40, help_text=_("The id in the listing's address.")
    )
    field_order = ["product", "countries", "legal_ref", "reason"]
