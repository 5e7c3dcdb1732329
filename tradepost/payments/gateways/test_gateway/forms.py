"""The hosted card form. Its number and CVC inputs never echo a value back into the page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NoEchoInput(forms.TextInput):
    """A text input rendered empty even when the form is shown again with errors."""

    def format_value(self, value):
        return None


class CardForm(forms.Form):
    number = forms.CharField(
        label=_("Card number"),
        max_length=23,
        widget=NoEchoInput(
            attrs={"autocomplete": "cc-number", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
    exp_month = forms.IntegerField(
        label=_("Expiry month (MM)"),
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-month"}),
    )
    exp_year = forms.IntegerField(
        label=_("Expiry year (YYYY)"),
        min_value=2000,
        max_value=2099,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-year"}),
    )
    cvc = forms.CharField(
        label=_("Security code (CVC)"),
        max_length=4,
        widget=NoEchoInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )
