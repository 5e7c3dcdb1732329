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
    ship_from = forms.ChoiceField(label=_("Ships from"), required=False)
    store = forms.ChoiceField(label=_("Store"), required=False)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=120)

    def __init__(self, data, *, countries, stores, with_store=True, with_relevance=False):
        super().__init__(data)
        if with_relevance:
            self.fields["sort"].choices = [("relevance", SORT_LABELS["relevance"])] + list(
                self.fields["sort"].choices
            )
        self.fields["ship_from"].choices = [("", _("Any country")), *countries]
        self.fields["store"].choices = [("", _("Any store")), *stores]
        if not with_store:
            del self.fields["store"]

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
