"""An order's status: data only (the one transition function is orders.services.transition_order).

awaiting_payment → paid → shipped → delivered → completed; awaiting_payment → cancelled (payment
deadline passed, or the buyer cancels); paid → cancelled (the seller cancels before shipping, with
a reason, or the whole order is refunded before shipping: the buyer's money goes back);
shipped/delivered → refunded (the whole order refunded after it left). Completed means the escrow
was released to the seller: no refund can follow it. The buyer confirms receipt from shipped or
delivered.
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
    REFUNDED = "refunded", _("Refunded")


ALLOWED: Final[dict[str, frozenset[str]]] = {
    OrderStatus.AWAITING_PAYMENT: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset(
        {OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.REFUNDED}
    ),
    OrderStatus.DELIVERED: frozenset({OrderStatus.COMPLETED, OrderStatus.REFUNDED}),
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.REFUNDED: frozenset(),
}

# Statuses in which the order still holds its stock as reserved (not yet sold).
HOLDS_RESERVATION: Final = frozenset({OrderStatus.AWAITING_PAYMENT})

# Statuses in which the buyer's money sits in escrow (paid, not yet released or refunded).
IN_ESCROW: Final = frozenset({OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED})

# Statuses from which nothing follows: the order's money is settled one way or the other.
CLOSED: Final = frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED})

# The buyer may confirm receipt (releasing the escrow) once the parcel has left.
CONFIRMABLE: Final = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED})


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())
