"""Forms of the tracking pages: the CSV upload and the route filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tradepost.shipping.carriers import CARRIERS, OTHER


class TrackingImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Header row, then one event a row: carrier, tracking_number, event_id, occurred_at "
            "(ISO 8601 with offset), status, location, description. All or nothing."
        ),
    )


def _carriers() -> list[tuple[str, str]]:
    named = sorted(((code, c.name) for code, c in CARRIERS.items()), key=lambda pair: pair[1])
    return [("", _("All carriers")), *named, (OTHER, _("Other carrier"))]


class RouteFilterForm(forms.Form):
    origin = forms.RegexField(
        label=_("From (country code)"), regex=r"^[A-Za-z]{2}$", required=False, max_length=2
    )
    destination = forms.RegexField(
        label=_("To (country code)"), regex=r"^[A-Za-z]{2}$", required=False, max_length=2
    )
    carrier = forms.ChoiceField(label=_("Carrier"), choices=_carriers, required=False)

    def filters(self) -> dict:
        """The valid filters (upper-case codes); nothing when the form is not valid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "origin": data["origin"].upper() or None,
            "destination": data["destination"].upper() or None,
            "carrier": data["carrier"] or None,
        }
