"""An order's status: data only (the one transition function is orders.services.transition_order).

awaiting_payment → paid → shipped → delivered → completed; awaiting_payment → cancelled (payment
deadline passed, or the buyer cancels); paid → cancelled (the seller cancels before shipping, with
a reason). Refund states come with the payments issue.
"""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


ALLOWED: Final[dict[str, frozenset[str]]] = {
    OrderStatus.AWAITING_PAYMENT: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED}),
    OrderStatus.DELIVERED: frozenset({OrderStatus.COMPLETED}),
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}

# Statuses in which the order still holds its stock as reserved (not yet sold).
HOLDS_RESERVATION: Final = frozenset({OrderStatus.AWAITING_PAYMENT})


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())
