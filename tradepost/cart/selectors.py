"""Reads of carts and checkouts for their owner."""

from django.db.models import Sum

from tradepost.cart.errors import CheckoutNotFound
from tradepost.cart.models import Cart, Checkout


def line_count(cart: Cart | None) -> int:
    """Units in the cart, for the header badge."""
    if cart is None:
        return 0
    return cart.lines.aggregate(units=Sum("quantity"))["units"] or 0


def checkout_for_buyer(buyer, public_id) -> Checkout:
    checkout = (
        Checkout.objects.filter(buyer=buyer, public_id=str(public_id or "")[:24])
        .prefetch_related("orders__lines", "orders__store")
        .first()
    )
    if checkout is None:
        raise CheckoutNotFound()
    return checkout
