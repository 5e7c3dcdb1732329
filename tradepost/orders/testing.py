"""Test-only helpers: no page or endpoint offers them."""

import datetime as dt

from tradepost.orders.models import Order
from tradepost.orders.services import mark_checkout_paid


def mark_paid(*, checkout, now: dt.datetime) -> list[Order]:
    """The checkout's orders become paid without a payment (tests of order states only; money
    flows use payments.testing)."""
    paid, _not_payable = mark_checkout_paid(checkout=checkout, now=now)
    return paid
