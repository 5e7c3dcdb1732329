"""Forms for coupons and flash deals (seller center; the staff console extends them).

They only shape input — decimals into minor units of the right currency, percentages into basis
points — and promotions.services checks every rule; its errors come back under these fields.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tradepost.money import currencies
from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money
from tradepost.promotions.models import CouponKind
from tradepost.promotions.services import CouponInput, FlashDealInput

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class WindowInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _window_field(label):
    return forms.DateTimeField(
        label=label,
        widget=WindowInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Time in UTC."),
    )


def _minor(form, field: str, currency: str) -> int | None:
    """The decimal in `field` as minor units of `currency`, or a form error (too many decimals)."""
    amount = form.cleaned_data.get(field)
    if amount is None:
        return None
    try:
        return Money.from_decimal(amount, currency).minor
    except InvalidAmount as error:
        form.add_error(field, str(error.message))
        return None


class CouponForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=32, help_text=_("Letters, digits, - and _; buyers type it.")
    )
    kind = forms.ChoiceField(label=_("Discount type"), choices=CouponKind.choices)
    percent = forms.DecimalField(
        label=_("Percent off"), required=False, max_digits=6, decimal_places=2,
        help_text=_("For a percent discount, e.g. 10 or 12.5."),
    )  # fmt: skip
    amount = forms.DecimalField(
        label=_("Amount off"), required=False, max_digits=16,
        help_text=_("For a fixed amount, in the coupon's currency."),
    )  # fmt: skip
    currency = forms.ChoiceField(label=_("Currency"))
    min_spend = forms.DecimalField(
        label=_("Minimum spend"), required=False, max_digits=16,
        help_text=_("Items total the coupon needs, in its currency. Empty: none."),
    )  # fmt: skip
    starts_at = _window_field(_("Valid from"))
    ends_at = _window_field(_("Valid until"))
    max_uses = forms.IntegerField(
        label=_("Total uses"), required=False, help_text=_("Empty: no limit.")
    )
    max_uses_per_buyer = forms.IntegerField(label=_("Uses per buyer"), initial=1)

    def __init__(self, *args, currency_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(code, code) for code in currency_choices]

    def clean(self):
        cleaned = super().clean()
        kind, percent = cleaned.get("kind"), cleaned.get("percent")
        if kind == CouponKind.PERCENT and percent is None:
            self.add_error("percent", _("Give the percentage."))
        if kind == CouponKind.FIXED and cleaned.get("amount") is None:
            self.add_error("amount", _("Give the amount."))
        return cleaned

    def coupon_input(self) -> CouponInput | None:
        """The parsed input, or None when a field could not be parsed (errors added)."""
        data = self.cleaned_data
        currency = data["currency"]
        if not currencies.is_known_currency(currency):
            self.add_error("currency", _("Choose a known currency."))
            return None
        fixed = data["kind"] == CouponKind.FIXED
        amount = _minor(self, "amount", currency) if fixed else 0
        min_spend = _minor(self, "min_spend", currency) or 0
        if self.errors:
            return None
        percent = data["percent"] if not fixed else Decimal(0)
        return CouponInput(
            code=data["code"], kind=data["kind"], amount_minor=amount or 0,
            percent_bps=int(percent * 100), currency=currency, min_spend_minor=min_spend,
            starts_at=data["starts_at"], ends_at=data["ends_at"], max_uses=data["max_uses"],
            max_uses_per_buyer=data["max_uses_per_buyer"],
        )  # fmt: skip


class FlashDealForm(forms.Form):
    """`variant_choices` are (public id, label) pairs; the service looks the variant up within
    the seller's store, so a posted id of another store is not found."""

    variant = forms.CharField(label=_("Variant"), widget=forms.Select)
    deal_price = forms.DecimalField(
        label=_("Deal price"), max_digits=16, help_text=_("In the store's currency.")
    )
    quantity = forms.IntegerField(label=_("Deal units"), help_text=_("At most the stock."))
    max_per_order = forms.IntegerField(
        label=_("Units per order"), required=False, help_text=_("Empty: no limit.")
    )
    starts_at = _window_field(_("Starts"))
    ends_at = _window_field(_("Ends"))

    def __init__(self, *args, variant_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if variant_choices is not None:
            self.fields["variant"].widget.choices = [("", "—"), *variant_choices]

    def deal_input(self, currency: str) -> FlashDealInput | None:
        price = _minor(self, "deal_price", currency)
        if price is None:
            return None
        data = self.cleaned_data
        return FlashDealInput(
            variant=data["variant"], deal_price_minor=price, quantity=data["quantity"],
            max_per_order=data["max_per_order"], starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )  # fmt: skip
