"""Refunds: partial and full, by amount or by line, never more than what was paid (also with ten
requests at once), the order's status after a full refund, a seller's cancellation, and the late
payment: a checkout paid after its deadline sweep is refunded automatically."""

import datetime as dt
import threading

import pytest
from django.db import connection

from tradepost.ledger.models import JournalEntry
from tradepost.ledger.selectors import check_invariants, escrow_by_order
from tradepost.orders import services as orders
from tradepost.orders.models import Order
from tradepost.orders.states import OrderStatus
from tradepost.payments import errors, services
from tradepost.payments.gateways.test_gateway.models import GatewayRefund
from tradepost.payments.models import Refund
from tradepost.payments.refunds import refundable_minor
from tradepost.payments.testing import (
    card_at_gateway,
    deliver_webhooks,
    intent_of,
    market,
    placed_checkout,
    start,
)


def pay(checkout):
    intent = start(checkout)
    card_at_gateway(intent)
    deliver_webhooks()
    intent.refresh_from_db()
    assert intent.status == "succeeded"
    return intent


@pytest.fixture
def paid(checkout):
    pay(checkout)
    return checkout.orders.order_by("id").first()


def refund(order, clock, **kwargs):
    kwargs.setdefault("reason", "damaged")
    return services.refund_order(order=order, actor=None, now=clock.now(), **kwargs)


def test_a_partial_refund_leaves_the_order_paid(paid, clock):
    done = refund(paid, clock, amount_minor=500)

    paid.refresh_from_db()
    assert (done.status, done.amount_minor, done.currency) == ("succeeded", 500, "EUR")
    assert paid.status == OrderStatus.PAID
    assert refundable_minor(paid) == paid.total_minor - 500
    assert escrow_by_order(paid) == paid.total_minor - 500
    assert GatewayRefund.objects.get().amount_minor == 500
    assert list(done.events.values_list("from_status", "to_status")) == [
        ("", "pending"),
        ("pending", "succeeded"),
    ]
    assert check_invariants() == []


def test_never_more_than_what_is_left(paid, clock):
    refund(paid, clock, amount_minor=paid.total_minor - 100)
    with pytest.raises(errors.RefundTooLarge):
        refund(paid, clock, amount_minor=101)
    assert Refund.objects.count() == 1

    refund(paid, clock, amount_minor=100)
    with pytest.raises(errors.NotRefundable):
        refund(paid, clock, amount_minor=1)
    assert refund(paid, clock) is None  # "all that is left" of nothing: nothing to do
    assert sum(Refund.objects.values_list("amount_minor", flat=True)) == paid.total_minor
    assert check_invariants() == []


def test_a_full_refund_before_shipping_cancels_the_order(paid, clock):
    done = refund(paid, clock)

    paid.refresh_from_db()
    assert done.amount_minor == paid.total_minor
    assert paid.status == OrderStatus.CANCELLED
    assert escrow_by_order(paid) == 0
    assert check_invariants() == []


def test_a_full_refund_after_shipping_marks_the_order_refunded(paid, clock):
    orders.ship_order(
        order=paid, seller_user=None, carrier="DHL", tracking_number="1000000001", now=clock.now()
    )
    refund(paid, clock, amount_minor=300)
    refund(paid, clock)

    paid.refresh_from_db()
    assert paid.status == OrderStatus.REFUNDED
    assert check_invariants() == []


def test_a_refund_by_line_and_not_the_same_line_twice(paid, clock):
    line = paid.lines.get()
    with pytest.raises(errors.InvalidRefund):
        refund(paid, clock, line_ids=[line.pk + 999])
    with pytest.raises(errors.InvalidRefund):
        refund(paid, clock, line_ids=[line.pk], amount_minor=1)
    for bad in (0, -5, True):
        with pytest.raises(errors.InvalidRefund):
            refund(paid, clock, amount_minor=bad)
    assert not Refund.objects.exists()

    done = refund(paid, clock, line_ids=[line.pk])

    assert (done.amount_minor, done.line_ids) == (line.line_total_minor, [line.pk])
    with pytest.raises((errors.InvalidRefund, errors.NotRefundable)):
        refund(paid, clock, line_ids=[line.pk])
    assert Refund.objects.count() == 1


def test_unpaid_and_completed_orders_are_not_refundable(checkout, clock):
    unpaid = checkout.orders.first()
    with pytest.raises(errors.NotRefundable):
        refund(unpaid, clock)
    with pytest.raises(errors.NotRefundable):
        refund(unpaid, clock, amount_minor=1)
    pay(checkout)
    unpaid.refresh_from_db()
    orders.ship_order(
        order=unpaid, seller_user=None, carrier="DHL", tracking_number="1000000002", now=clock.now()
    )
    orders.confirm_receipt(order=unpaid, buyer=unpaid.buyer, now=clock.now())
    with pytest.raises(errors.NotRefundable):
        refund(unpaid, clock, amount_minor=1)
    assert check_invariants() == []


def test_an_order_paid_without_a_payment_has_nothing_to_refund(checkout, clock):
    from tradepost.orders.testing import mark_paid

    order = mark_paid(checkout=checkout, now=clock.now())[0]
    assert refund(order, clock) is None
    with pytest.raises(errors.NotRefundable):
        refund(order, clock, amount_minor=1)
    assert not Refund.objects.exists()


def test_a_seller_cancelling_a_paid_order_refunds_the_buyer(paid, clock):
    orders.cancel_by_seller(
        order=paid, seller_user=paid.store.seller.user, reason="Out of stock", now=clock.now()
    )

    paid.refresh_from_db()
    done = Refund.objects.get(order=paid)
    assert paid.status == OrderStatus.CANCELLED
    assert (done.amount_minor, done.reason) == (paid.total_minor, "Out of stock")
    assert escrow_by_order(paid) == 0
    assert check_invariants() == []


def test_a_checkout_paid_after_the_deadline_sweep_is_refunded_automatically(checkout, clock):
    """The buyer opened the card page in time but paid after the sweep cancelled the orders and
    released their stock: the money is captured and returned in full, never kept."""
    intent = start(checkout)
    clock.move_to(checkout.pay_by + dt.timedelta(minutes=1))
    assert orders.cancel_overdue_orders(now=clock.now()) == 2

    card_at_gateway(intent)
    deliver_webhooks()

    intent.refresh_from_db()
    assert intent.status == "succeeded"
    assert set(checkout.orders.values_list("status", flat=True)) == {OrderStatus.CANCELLED}
    refunds = list(Refund.objects.filter(intent=intent))
    assert len(refunds) == 2 and all(r.automatic and r.status == "succeeded" for r in refunds)
    assert sum(r.amount_minor for r in refunds) == intent.amount_minor
    assert sum(GatewayRefund.objects.values_list("amount_minor", flat=True)) == intent.amount_minor
    assert all(escrow_by_order(order) == 0 for order in checkout.orders.all())
    assert JournalEntry.objects.filter(kind="refund").count() == 2
    assert check_invariants() == []


def test_an_order_cancelled_before_the_old_card_page_was_used_is_returned(checkout, clock):
    """The buyer cancels one of two orders with the card page of the first payment still open and
    pays there: the cancelled order's share comes back at once; the other order is paid."""
    intent = start(checkout)
    first, second = checkout.orders.order_by("id")
    orders.cancel_by_buyer(order=second, buyer=checkout.buyer, now=clock.now())

    card_at_gateway(intent)
    deliver_webhooks()

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (OrderStatus.PAID, OrderStatus.CANCELLED)
    returned = Refund.objects.get(intent=intent)
    assert (returned.order, returned.amount_minor) == (second, second.total_minor)
    assert check_invariants() == []


def test_a_new_payment_replaces_one_whose_orders_changed(checkout, clock):
    old = start(checkout)
    first, second = checkout.orders.order_by("id")
    orders.cancel_by_buyer(order=second, buyer=checkout.buyer, now=clock.now())

    new = start(checkout)

    old.refresh_from_db()
    assert (old.status, old.active) == ("canceled", False)
    assert new.amount_minor == first.total_minor and new.active
    from tradepost.payments.gateways.test_gateway.models import GatewayCharge

    assert GatewayCharge.objects.get(ref=old.gateway_ref).status == "canceled"


THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_refunds_at_once_never_exceed_what_was_paid():
    from tradepost import clock

    checkout = placed_checkout(market())
    pay(checkout)
    order = checkout.orders.order_by("id").first()
    share = order.total_minor * 4 // 10  # two fit, the third does not
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def fire():
        try:
            barrier.wait()
            services.refund_order(
                order=Order.objects.get(pk=order.pk), amount_minor=share, reason="race",
                actor=None, now=clock.now(),
            )  # fmt: skip
            outcomes.append("refunded")
        except (errors.RefundTooLarge, errors.NotRefundable) as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("refunded") == 2
    assert set(outcomes) == {"refunded", "refund_too_large"}
    assert sum(Refund.objects.values_list("amount_minor", flat=True)) == 2 * share
    assert sum(GatewayRefund.objects.values_list("amount_minor", flat=True)) == 2 * share
    assert escrow_by_order(order) == order.total_minor - 2 * share
    assert intent_of(checkout).status == "succeeded"
    assert check_invariants() == []
