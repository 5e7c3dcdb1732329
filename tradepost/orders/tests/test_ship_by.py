"""The shipping deadline: set at payment from the order's processing days (business days) plus
a grace, shown to both sides; the sweep cancels and refunds orders not shipped by then."""

import datetime as dt

from tradepost.catalog.models import Variant
from tradepost.ledger.invariants import check_invariants
from tradepost.ledger.selectors import escrow_by_order
from tradepost.orders import services
from tradepost.orders.models import Order
from tradepost.payments.models import Refund
from tradepost.tracking.testing import s10

WEDNESDAY_NOON = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def test_ship_by_counts_business_days_then_the_grace(buy_lamp, clock, settings):
    settings.SHIP_BY_GRACE_DAYS = 2
    order = buy_lamp()  # paid Wednesday noon, 3 processing days: Monday, then 2 days

    assert order.ship_by == dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)


def test_ship_by_skips_the_weekend_for_an_order_paid_on_friday(buy_lamp, clock):
    order = buy_lamp(paid=False)
    Order.objects.filter(pk=order.pk).update(processing_days=0)  # still one business day
    order.refresh_from_db()
    friday = dt.datetime(2026, 11, 27, 18, tzinfo=dt.UTC)

    assert services.ship_by_for(order, friday) == dt.datetime(2026, 12, 2, 18, tzinfo=dt.UTC)


def test_the_sweep_cancels_refunds_and_restocks_an_unshipped_order(buy_lamp, lamp, clock):
    order = buy_lamp()
    assert escrow_by_order(order) == order.total_minor > 0
    clock.move_to(order.ship_by - dt.timedelta(seconds=1))
    assert services.cancel_unshipped_orders(now=clock.now()) == 0

    clock.move_to(order.ship_by + dt.timedelta(minutes=5))
    assert services.cancel_unshipped_orders(now=clock.now()) == 1

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert order.events.last().reason == "Not shipped in time."
    refund = Refund.objects.get(order=order)
    assert refund.amount_minor == order.total_minor
    assert escrow_by_order(order) == 0
    assert Variant.objects.get(pk=lamp.pk).stock == 10
    assert check_invariants() == []
    assert services.cancel_unshipped_orders(now=clock.now()) == 0  # once


def test_the_sweep_leaves_shipped_and_unpaid_orders_alone(buy_lamp, clock):
    shipped = buy_lamp()
    services.ship_order(
        order=shipped, seller_user=None, carrier="china-post", tracking_number=s10(1),
        now=clock.now(),
    )  # fmt: skip
    unpaid = buy_lamp(paid=False)
    clock.advance(days=30)

    assert services.cancel_unshipped_orders(now=clock.now()) == 0
    assert Order.objects.get(pk=shipped.pk).status == "shipped"
    assert Order.objects.get(pk=unpaid.pk).ship_by is None
