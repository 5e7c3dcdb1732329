"""Onboarding forms. They only shape input: every rule is checked by sellers.services."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.money import currencies
from tradepost.sellers.models import SellerKind


def _countries():
    return list(countries)


def _optional_countries():
    return [("", "—"), *countries]


def _currencies():
    locale = to_locale(get_language() or "en")
    return [
        (c, f"{c} · {currencies.name(c, locale)}") for c in sorted(currencies.known_currencies())
    ]


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I am selling as"), choices=SellerKind.choices, widget=forms.RadioSelect
    )


class TraderDetailsForm(forms.Form):
    legal_name = forms.CharField(
        label=_("Legal name"),
        max_length=200,
        help_text=_("The company's registered name, or your full name as on your ID."),
    )
    address_line1 = forms.CharField(label=_("Address line 1"), max_length=200)
    address_line2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=120)
    region = forms.CharField(label=_("State / province / region"), max_length=120, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=_countries)
    phone = forms.CharField(
        label=_("Phone"), max_length=32, help_text=_("With the country code, e.g. +49 30 901820")
    )
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    trade_register = forms.CharField(
        label=_("Trade register"),
        max_length=200,
        required=False,
        help_text=_("Where the company is registered, e.g. Amtsgericht Berlin."),
    )
    registration_number = forms.CharField(
        label=_("Registration or ID number"),
        max_length=64,
        help_text=_("Companies: the register number. Individuals: your tax or ID number."),
    )
    vat_number = forms.CharField(label=_("VAT number"), max_length=32, required=False)


class PayoutForm(forms.Form):
    iban = forms.CharField(label=_("IBAN"), max_length=42, required=False)
    account = forms.CharField(
        label=_("Other account"),
        max_length=200,
        required=False,
        help_text=_("Only if you have no IBAN: bank, account number and routing details."),
    )
    country = forms.ChoiceField(
        label=_("Country of the other account"), choices=_optional_countries, required=False
    )
    password = forms.CharField(
        label=_("Current password"),
        max_length=4096,
        required=False,  # sellers.services decides: only to replace an account already given
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To protect your earnings, confirm it is you."),
    )

    def __init__(self, *args, needs_password: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_password:
            del self.fields["password"]

    def payout_input(self) -> dict:
        """The account fields only (the password goes to the service on its own)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "password"}


class StoreForm(forms.Form):
    name = forms.CharField(label=_("Store name"), max_length=120)
    slug = forms.SlugField(
        label=_("Store address"),
        max_length=80,
        help_text=_("Letters, numbers and hyphens; it cannot change after review."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=_countries)
    settlement_currency = forms.ChoiceField(label=_("Currency"), choices=_currencies)
    original_language = forms.ChoiceField(
        label=_("Language you write your listings in"), choices=settings.LANGUAGES
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages you answer buyers in"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("About the store"), max_length=5000, required=False, widget=forms.Textarea
    )


class SubmitForm(forms.Form):
    self_certified = forms.BooleanField(
        label=_(
            "I certify that I will offer only products and services that comply with the "
            "applicable law, including EU product safety rules."
        ),
        required=False,
    )
