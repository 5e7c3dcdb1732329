"""The category page's sort and filter form (GET): invalid values are reported and ignored."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tradepost.catalog.selectors import SORTS
from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money
from tradepost.money.rounding import HALF_EVEN

SORT_LABELS = {
    "relevance": _("Best match"),
    "newest": _("Newest"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "orders": _("Most orders"),
}
MAX_PRICE = Decimal("1000000000")


class ListingFilterForm(forms.Form):
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(s, SORT_LABELS[s]) for s in SORTS]
    )
    min_price = forms.DecimalField(
        label=_("Minimum price"), required=False, min_value=0, max_value=MAX_PRICE
    )
    max_price = forms.DecimalField(
        label=_("Maximum price"), required=False, min_value=0, max_value=MAX_PRICE
    )
    # Country and store are checked against the page's lists here rather than as ChoiceFields:
    # a ChoiceField deep-copies and normalises its (up to 200) choices on every listing page.
    ship_from = forms.CharField(label=_("Ships from"), required=False, max_length=2)
    store = forms.CharField(label=_("Store"), required=False, max_length=200)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=120)

    def __init__(self, data, *, countries, stores, with_store=True, with_relevance=False):
        super().__init__(data)
        if with_relevance:
            self.fields["sort"].choices = [("relevance", SORT_LABELS["relevance"])] + list(
                self.fields["sort"].choices
            )
        self.country_choices = (("", _("Any country")), *countries)
        self.store_choices = (("", _("Any store")), *stores)
        if not with_store:
            del self.fields["store"]

    def _one_of(self, name: str, choices) -> str:
        value = self.cleaned_data.get(name) or ""
        if value and all(value != code for code, _label in choices):
            raise forms.ValidationError(
                forms.ChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return value

    def clean_ship_from(self) -> str:
        return self._one_of("ship_from", self.country_choices)

    def clean_store(self) -> str:
        return self._one_of("store", self.store_choices)

    def value(self, name: str):
        """The cleaned value, or None when absent or invalid."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name) or None

    def price_bound(self, name: str, currency: str) -> int | None:
        value = self.value(name)
        if value is None:
            return None
        try:
            return Money.from_decimal(value, currency, rounding=HALF_EVEN).minor
        except InvalidAmount:
            return None
