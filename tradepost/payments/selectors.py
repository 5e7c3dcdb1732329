"""Reads of payments and refunds, each filtered by the actor (DESIGN.md §4 tenancy): another
buyer's payment, another store's order, is simply not found (404)."""

from django.db.models import Q, QuerySet

from tradepost.cart.selectors import checkout_for_buyer  # noqa: F401 - the pay page's checkout
from tradepost.orders.errors import OrderNotFound
from tradepost.orders.models import Order
from tradepost.payments.errors import PaymentNotFound
from tradepost.payments.models import PaymentIntent, Refund

REFUND_PERMISSION = "payments.refund_payment"


def payment_for_user(user, public_id) -> PaymentIntent:
    """A payment its payer may see: a buyer's checkout payment, or a seller's deposit."""
    if not getattr(user, "is_authenticated", False):
        raise PaymentNotFound()
    intent = (
        PaymentIntent.objects.filter(buyer=user, public_id=str(public_id or "")[:24])
        .select_related("checkout")
        .prefetch_related("allocations__order", "refunds")
        .first()
    )
    if intent is None:
        raise PaymentNotFound()
    return intent


def active_payment(checkout) -> PaymentIntent | None:
    """The checkout's current payment (the active one, or else the latest)."""
    rows = PaymentIntent.objects.filter(checkout=checkout)
    return rows.filter(active=True).first() or rows.order_by("-created_at", "-id").first()


def can_refund_any(user) -> bool:
    return bool(
        getattr(user, "is_active", False) and user.is_staff and user.has_perm(REFUND_PERMISSION)
    )


def order_for_refunder(user, public_id) -> Order:
    """An order the user may refund: their own store's, or any for staff with the permission."""
    rows = (
        Order.objects.all()
        if can_refund_any(user)
        else Order.objects.filter(store__seller__user=user)
    )
    order = rows.filter(public_id=str(public_id or "")[:24]).select_related("store").first()
    if order is None:
        raise OrderNotFound()
    return order


def order_for_refund_reader(user, public_id) -> Order:
    """An order whose refunds the user may see: the buyer's, the seller's, or staff's."""
    rows = Order.objects.all()
    if not can_refund_any(user):
        rows = rows.filter(Q(buyer=user) | Q(store__seller__user=user))
    order = rows.filter(public_id=str(public_id or "")[:24]).first()
    if order is None:
        raise OrderNotFound()
    return order


def refunds_for_order(order: Order) -> QuerySet[Refund]:
    return Refund.objects.filter(order=order).select_related("intent").order_by("created_at", "id")
