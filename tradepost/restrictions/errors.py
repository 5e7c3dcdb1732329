"""Domain errors of country restrictions. Codes are published API: never rename them.

The two refusals answer HTTP 451 (Unavailable For Legal Reasons, RFC 7725): the buyer's request is
fine, the law of the ship-to country is what stops it.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from tradepost.errors import DomainError, InvalidInput, NotFound


def country_name(code: str) -> str:
    """The country's name in the active language ("India", "Indien"), or the code if unknown."""
    return str(countries.name(code)) or code


class CountryUnavailable(DomainError):
    code = "country_unavailable"
    http_status = 451
    default_message = _("tradepost is not available for delivery to this country.")

    def __init__(self, country: str):
        message = _("tradepost is not available for delivery to %(country)s.") % {
            "country": country_name(country)
        }
        super().__init__(message, fields={"country": [message]}, country=country)


class RestrictedInCountry(DomainError):
    """Context: `country`, `product_ids` (public ids) and `reasons` (public id → reason)."""

    code = "restricted_in_country"
    http_status = 451
    default_message = _("Some items cannot be delivered to this country.")

    def __init__(self, *, country: str, reasons: dict[str, str]):
        count = len(reasons)
        message = ngettext(
            "%(count)d item cannot be delivered to %(country)s.",
            "%(count)d items cannot be delivered to %(country)s.",
            count,
        ) % {"count": count, "country": country_name(country)}
        super().__init__(
            message,
            fields={"products": [message, *dict.fromkeys(reasons.values())]},
            country=country,
            product_ids=sorted(reasons),
            reasons=reasons,
        )


class UnknownCountry(InvalidInput):
    code = "unknown_country"
    default_message = _("Choose a valid country.")

    def __init__(self, country: str = "", *, field: str = "country"):
        message = self.default_message
        if country:
            message = _("“%(code)s” is not a country code.") % {"code": country[:8]}
        super().__init__(message, fields={field: [message]}, country=country[:8])


class InvalidRestriction(InvalidInput):
    """Staff input that cannot be recorded (fields say which: legal basis, reason, countries…)."""

    code = "invalid_restriction"
    default_message = _("The restriction could not be recorded. Check the fields.")


class RestrictionNotFound(NotFound):
    code = "restriction_not_found"
    default_message = _("Restriction not found.")


class RestrictionAlreadyLifted(DomainError):
    code = "restriction_already_lifted"
    http_status = 409
    default_message = _("This restriction was already lifted.")
