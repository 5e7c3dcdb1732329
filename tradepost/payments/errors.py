"""Domain errors of payments. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class PaymentNotFound(NotFound):
    """Also for another buyer's payment: nobody learns that it exists."""

    code = "payment_not_found"
    default_message = _("Payment not found.")


class NothingToPay(DomainError):
    """Every order of the checkout is cancelled (payment deadline passed, or the buyer cancelled)."""

    code = "nothing_to_pay"
    http_status = 409
    default_message = _("There is nothing left to pay for this checkout.")


class AlreadyPaid(DomainError):
    code = "already_paid"
    http_status = 409
    default_message = _("This checkout is already paid.")


class IllegalPaymentTransition(DomainError):
    code = "illegal_payment_transition"
    http_status = 409
    default_message = _("The payment cannot move to that status now.")

    def __init__(self, *, current: str, target: str):
        super().__init__(
            _("A payment cannot go from “%(current)s” to “%(target)s”.")
            % {"current": current, "target": target},
            current=current,
            target=target,
        )


class PaymentGatewayFailed(DomainError):
    """The gateway refused or failed a call (not a card decline)."""

    code = "payment_gateway_failed"
    http_status = 502
    default_message = _("The payment provider did not accept the request. Try again later.")


class PaymentTokenInvalid(InvalidInput):
    code = "payment_token_invalid"
    default_message = _("This card token cannot pay this checkout.")


class NotRefundable(DomainError):
    code = "not_refundable"
    http_status = 409
    default_message = _("This order has no paid amount left to refund.")


class RefundTooLarge(InvalidInput):
    code = "refund_too_large"
    default_message = _("The refund is more than what is left to refund on this order.")


class InvalidRefund(InvalidInput):
    code = "invalid_refund"
    default_message = _("Give an amount of at least 1 or order lines not refunded yet, not both.")


class WebhookRejected(DomainError):
    """Bad or missing signature, a timestamp outside the tolerance, or an unreadable body."""

    code = "webhook_rejected"
    http_status = 400
    default_message = _("The webhook could not be verified.")


class UnknownPaymentIntent(DomainError):
    """A verified webhook about a payment tradepost never created: nothing is applied."""

    code = "unknown_payment_intent"
    http_status = 422
    default_message = _("The webhook refers to an unknown payment.")
