from django import forms
from django.conf import settings
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.accounts.scopes import API_SCOPES
from tradepost.money.currencies import display_currency_choices


def _countries():
    # A callable, so names are translated per request instead of frozen at import.
    return list(countries)


def _currencies():
    return display_currency_choices(to_locale(get_language() or "en"))


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    display_currency = forms.ChoiceField(label=_("Display currency"), choices=_currencies)
    ship_to_country = forms.ChoiceField(label=_("Ship-to country"), choices=_countries)


class AddressForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    line1 = forms.CharField(label=_("Address line 1"), max_length=200)
    line2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=120)
    region = forms.CharField(label=_("State / province / region"), max_length=120, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=_countries)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        help_text=_("With the country code, e.g. +55 11 91234 5678"),
    )
    make_default = forms.BooleanField(label=_("Use as my default address"), required=False)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=list(API_SCOPES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
