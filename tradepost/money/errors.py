"""Domain errors of the money app. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError

# Inputs are echoed in messages, so cap their length (a caller can send anything).
_ECHO_LIMIT = 16


def _echo(value: object) -> str:
    text = str(value)
    return text if len(text) <= _ECHO_LIMIT else text[:_ECHO_LIMIT] + "…"


def _fields(field: str | None, message: str) -> dict[str, list[str]] | None:
    return {field: [message]} if field else None


class CurrencyMismatch(DomainError):
    code = "currency_mismatch"
    http_status = 422
    default_message = _("The amounts are in different currencies.")

    def __init__(self, left: str, right: str):
        message = _("Cannot combine amounts in %(left)s and %(right)s.") % {
            "left": left,
            "right": right,
        }
        super().__init__(message, left=left, right=right)


class UnknownCurrency(DomainError):
    code = "unknown_currency"
    http_status = 422
    default_message = _("Unknown currency.")

    def __init__(self, currency: object, *, field: str | None = None):
        message = _("“%(currency)s” is not a known ISO 4217 currency code.") % {
            "currency": _echo(currency)
        }
        super().__init__(message, fields=_fields(field, message), currency=currency)


class ExchangeRateUnavailable(DomainError):
    code = "exchange_rate_unavailable"
    http_status = 422
    default_message = _("No exchange rate is available.")

    def __init__(self, from_currency: str, to_currency: str, on=None):
        if on is None:
            message = _("No exchange rate from %(from)s to %(to)s is available.")
        else:
            message = _("No exchange rate from %(from)s to %(to)s is available on %(on)s.")
        message = message % {"from": from_currency, "to": to_currency, "on": on}
        super().__init__(message, from_currency=from_currency, to_currency=to_currency, on=on)


class InvalidAmount(DomainError):
    code = "invalid_amount"
    http_status = 422
    default_message = _("The amount is not valid.")

    def __init__(self, message=None, *, field: str | None = None):
        message = message if message is not None else self.default_message
        super().__init__(message, fields=_fields(field, str(message)))


class InvalidRateFile(DomainError):
    code = "invalid_rate_file"
    http_status = 422
    default_message = _("The exchange-rate file is not valid.")
