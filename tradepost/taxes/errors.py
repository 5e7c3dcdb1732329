"""Domain errors of import taxes. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, NotFound

_ECHO_LIMIT = 32


def _echo(value: object) -> str:
    text = str(value)
    return text if len(text) <= _ECHO_LIMIT else text[:_ECHO_LIMIT] + "…"


class InvalidVatNumber(DomainError):
    """Format or check digits wrong, or not a number of the destination country."""

    code = "invalid_vat_number"
    http_status = 422
    default_message = _("This is not a valid VAT number.")

    def __init__(self, message=None, *, country: str = "", number: str = ""):
        message = message or self.default_message
        super().__init__(
            message, fields={"vat_number": [str(message)]}, country=country, number=_echo(number)
        )


class InvalidConsignment(DomainError):
    """The consignment handed to the assessment is malformed (a caller's bug or bad input)."""

    code = "invalid_consignment"
    http_status = 422
    default_message = _("The consignment is not valid.")

    def __init__(self, field: str, message):
        super().__init__(message, fields={field: [str(message)]})


class OrderTaxAlreadyRecorded(DomainError):
    code = "order_tax_already_recorded"
    http_status = 409
    default_message = _("The import tax of this order is already recorded.")


class OrderTaxNotFound(NotFound):
    code = "order_tax_not_found"
    default_message = _("No import tax was recorded for this order.")


class TaxRefundTooLarge(DomainError):
    code = "tax_refund_too_large"
    http_status = 422
    default_message = _("More tax would be refunded than was collected.")


class InvalidTaxRules(DomainError):
    """The rules file is malformed: nothing is loaded."""

    code = "invalid_tax_rules"
    http_status = 422
    default_message = _("The import tax rules are not valid.")


class InvalidReturnPeriod(DomainError):
    code = "invalid_return_period"
    http_status = 422
    default_message = _("Give the month as YYYY-MM.")

    def __init__(self, message=None):
        message = message or self.default_message
        super().__init__(message, fields={"month": [str(message)]})
