"""Test factories for money flows: paid orders with their capture posted, and the steps after.

orders = paid_orders(buyer, (variant, 2), currency="EUR")   # placed, paid, captured
release(order)                                               # shipped, escrow released, completed
"""

import datetime as dt

from tradepost import clock
from tradepost.cart.testing import cart_with, place
from tradepost.ledger import services
from tradepost.orders.models import Order
from tradepost.orders.services import transition_order
from tradepost.orders.testing import mark_paid


def paid_orders(
    buyer, *lines, currency: str = "EUR", coupon_codes=None, now: dt.datetime | None = None
) -> list[Order]:
    """The buyer's cart of `lines` placed in `currency`, paid, and captured into escrow (one
    capture entry for the checkout). Orders by id."""
    now = now or clock.now()
    cart_with(buyer, *lines, now=now)
    checkout = place(buyer, currency=currency, coupon_codes=coupon_codes, now=now)
    mark_paid(checkout=checkout, now=now)
    orders = list(Order.objects.filter(checkout=checkout).order_by("id"))
    services.record_capture(
        reference=f"capture:{checkout.public_id}",
        currency=currency,
        per_order=[(order, order.total_minor) for order in orders],
        now=now,
    )
    return orders


def complete(order: Order, now: dt.datetime | None = None):
    """Ship the order, release its escrow and complete it (what confirming receipt does)."""
    now = now or clock.now()
    for status in ("shipped", "delivered"):
        transition_order(order=order, to=status, now=now)
    entry = services.release_escrow(order=order, now=now)
    transition_order(order=order, to="completed", now=now)
    return entry


def sell(store, *, quantity: int = 1, complete: bool = True, now: dt.datetime | None = None):
    """One order from `store` (a "Linen shirt" at €20.00 a unit, 8 % commission) by a Spanish
    buyer, paid in EUR and captured; shipped and receipt confirmed (escrow released) unless
    `complete` is False."""
    from tradepost.cart.testing import make_buyer
    from tradepost.catalog.testing import make_category, make_product
    from tradepost.orders.services import confirm_receipt, ship_order

    now = now or clock.now()
    variant = make_product(
        store=store, category=make_category(commission_bps=800), titles={"en": "Linen shirt"},
        variants=[{"price_minor": 2000, "stock": 50}],
    ).variants.get()  # fmt: skip
    buyer = make_buyer(country="ES")
    (order,) = paid_orders(buyer, (variant, quantity), now=now)
    if complete:
        ship_order(order=order, seller_user=store.seller.user, carrier="DHL",
                   tracking_number=f"{order.pk:010d}", now=now)  # fmt: skip
        confirm_receipt(order=order, buyer=buyer, now=now)
    order.refresh_from_db()
    return order
