"""A payment intent's and a refund's status: data only (the one transition function is
payments.transitions.transition_intent; refunds move in payments.refunds).

pending → requires_action (3-D Secure) → succeeded | failed; failed → pending (the buyer tries
again with another card) or succeeded (a late success of an earlier attempt); any open status →
canceled (superseded: the checkout's amount changed); canceled → succeeded only when the processor
took the money anyway (it is then returned). Succeeded is final: refunds are rows of their own.
"""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    REQUIRES_ACTION = "requires_action", _("Waiting for card authentication")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Canceled")


class PaymentPurpose(models.TextChoices):
    CHECKOUT = "checkout", _("Checkout")
    DEPOSIT = "deposit", _("Seller deposit")


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


_OPEN = (PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION, PaymentStatus.FAILED)

ALLOWED: Final[dict[str, frozenset[str]]] = {
    PaymentStatus.PENDING: frozenset(
        {
            PaymentStatus.REQUIRES_ACTION,
            PaymentStatus.SUCCEEDED,
            PaymentStatus.FAILED,
            PaymentStatus.CANCELED,
        }
    ),
    PaymentStatus.REQUIRES_ACTION: frozenset(
        {
            PaymentStatus.PENDING,
            PaymentStatus.SUCCEEDED,
            PaymentStatus.FAILED,
            PaymentStatus.CANCELED,
        }
    ),
    PaymentStatus.FAILED: frozenset(
        {
            PaymentStatus.PENDING,
            PaymentStatus.REQUIRES_ACTION,
            PaymentStatus.SUCCEEDED,
            PaymentStatus.CANCELED,
        }
    ),
    PaymentStatus.SUCCEEDED: frozenset(),
    # A superseded payment the processor still took (the buyer finished it in another tab): the
    # money is recorded and returned automatically.
    PaymentStatus.CANCELED: frozenset({PaymentStatus.SUCCEEDED}),
}

# Statuses in which the buyer may still pay the intent (start or retry a card).
OPEN: Final = frozenset(_OPEN)

# Refund statuses that count against what is left to refund (a failed one gives it back).
REFUND_ALLOWED: Final[dict[str, frozenset[str]]] = {
    RefundStatus.PENDING: frozenset({RefundStatus.SUCCEEDED, RefundStatus.FAILED}),
    RefundStatus.SUCCEEDED: frozenset(),
    RefundStatus.FAILED: frozenset(),
}

COUNTED_REFUNDS: Final = frozenset({RefundStatus.PENDING, RefundStatus.SUCCEEDED})


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())
