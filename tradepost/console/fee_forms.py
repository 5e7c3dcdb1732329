"""Staff forms for fee programmes and a seller's own commission. Rules live in sellers.fee_admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.sellers.fee_admin import ProgrammeInput

BPS_HELP = _("Basis points: 100 = 1 %, 0–10000.")


class FeeProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    country = forms.ChoiceField(label=_("Sellers from"), choices=lambda: list(countries))
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The first day it no longer applies."),
    )
    commission_bps = forms.IntegerField(
        label=_("Commission"),
        required=False,
        help_text=_("Empty: the category rates stay. %(bps)s") % {"bps": BPS_HELP},
    )
    waives_deposit = forms.BooleanField(label=_("Waives category deposits"), required=False)

    def programme_input(self) -> ProgrammeInput:
        return ProgrammeInput(**self.cleaned_data)


class CommissionForm(forms.Form):
    commission_bps = forms.IntegerField(
        label=_("Commission override"),
        required=False,
        help_text=_("Empty: programmes and category rates apply. %(bps)s") % {"bps": BPS_HELP},
    )
