"""Checkout forms: which address, a coupon code, and the place form's hidden fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError

MAX_COUPON_CODE = 32
MAX_REQUEST_KEY = 64


class AddressChoiceForm(forms.Form):
    address = forms.ChoiceField(label=_("Deliver to"), widget=forms.RadioSelect)

    def __init__(self, *args, addresses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address"].choices = [(a.public_id, a.public_id) for a in addresses]


class CouponForm(forms.Form):
    code = forms.CharField(label=_("Coupon code"), max_length=MAX_COUPON_CODE, strip=True)

    def add_domain_error(self, error: DomainError) -> None:
        """A coupon error belongs under the code field, whatever field the service named."""
        texts = [text for messages in error.fields.values() for text in messages]
        for text in texts or [str(error.message)]:
            self.add_error("code", text)


class VatNumberForm(forms.Form):
    """A business buyer's VAT number: reverse charge, no import VAT collected (blank: clear)."""

    vat_number = forms.CharField(
        label=_("Business VAT number"),
        max_length=32,
        required=False,
        strip=True,
        help_text=_("Only for businesses registered for VAT in the destination country."),
    )

    def add_domain_error(self, error: DomainError) -> None:
        texts = [text for messages in error.fields.values() for text in messages]
        for text in texts or [str(error.message)]:
            self.add_error("vat_number", text)


class PlaceForm(forms.Form):
    request_key = forms.CharField(max_length=MAX_REQUEST_KEY, widget=forms.HiddenInput)
    expected_total_minor = forms.IntegerField(widget=forms.HiddenInput)
    currency = forms.CharField(max_length=3, widget=forms.HiddenInput)
