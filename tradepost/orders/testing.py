"""Test-only helpers. Until the payments issue lands, tests mark checkouts paid with this; no
page or endpoint offers it."""

import datetime as dt

from tradepost.orders.models import Order
from tradepost.orders.services import transition_order
from tradepost.orders.states import OrderStatus


def mark_paid(*, checkout, now: dt.datetime) -> list[Order]:
    orders = list(Order.objects.filter(checkout=checkout, status=OrderStatus.AWAITING_PAYMENT))
    return [transition_order(order=order, to=OrderStatus.PAID, now=now) for order in orders]
