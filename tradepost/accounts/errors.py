from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class InvalidAddress(InvalidInput):
    code = "invalid_address"
    default_message = _("The address is not valid.")


class AddressNotFound(NotFound):
    code = "address_not_found"
    default_message = _("Address not found.")


class ApiTokenNotFound(NotFound):
    code = "api_token_not_found"
    default_message = _("API token not found.")


class UnknownScope(InvalidInput):
    code = "unknown_scope"
    default_message = _("Unknown API token scope.")


class InvalidPreference(InvalidInput):
    code = "invalid_preference"
    default_message = _("This choice is not available.")


class TooManyApiTokens(DomainError):
    code = "too_many_api_tokens"
    http_status = 409
    default_message = _("You have reached the maximum number of active API tokens.")
