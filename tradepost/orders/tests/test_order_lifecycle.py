"""Order status changes: the transition table, an event per change, stock settled on the way
(paid → sold, cancelled → returned), and the payment-deadline sweep with an injected clock."""

import datetime as dt

import pytest

from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.inventory.selectors import position
from tradepost.notifications.models import OutboxEvent
from tradepost.orders import errors, selectors, services
from tradepost.orders.errors import (
    IllegalOrderTransition,
    InvalidShipment,
    OrderNotFound,
    ReasonRequired,
)
from tradepost.orders.models import Order
from tradepost.orders.states import OrderStatus
from tradepost.orders.testing import mark_paid
from tradepost.payments.testing import pay
from tradepost.promotions.models import Coupon, CouponKind, FundedBy
from tradepost.tracking.testing import s10

NOW = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)


@pytest.fixture
def variant(db, clock):
    clock.move_to(NOW)
    store = make_seller_store(currency="EUR")
    product = make_product(
        store=store, category=make_category(["garden"]), variants=[{"stock": 10}]
    )
    return product.variants.get()


@pytest.fixture
def placed(variant):
    buyer = make_buyer()
    cart_with(buyer, (variant, 3))
    return place(buyer).orders.get()


def statuses(order):
    return list(order.events.values_list("from_status", "to_status"))


def test_the_whole_happy_path_writes_one_event_per_change(placed, variant, clock):
    seller = placed.store.seller.user
    pay(placed.checkout, now=clock.advance(minutes=5))
    assert position(variant.pk) == {"available": 7, "reserved": 0, "sold": 3, "on_hand": 10}

    services.ship_order(
        order=placed,
        seller_user=seller,
        carrier="DHL",
        tracking_number=" 1234 567 890 ",
        now=clock.advance(hours=1),
    )
    services.transition_order(order=placed, to=OrderStatus.DELIVERED, now=clock.advance(days=9))
    services.transition_order(order=placed, to=OrderStatus.COMPLETED, now=clock.advance(days=1))

    placed.refresh_from_db()
    assert (placed.status, placed.carrier, placed.tracking_number) == (
        "completed", "dhl", "1234567890"
    )  # fmt: skip
    assert statuses(placed) == [
        ("", "awaiting_payment"),
        ("awaiting_payment", "paid"),
        ("paid", "shipped"),
        ("shipped", "delivered"),
        ("delivered", "completed"),
    ]
    topics = set(OutboxEvent.objects.values_list("topic", flat=True))
    assert {"order.placed", "order.paid", "order.shipped", "order.completed"} <= topics


def test_illegal_transitions_change_nothing(placed):
    with pytest.raises(IllegalOrderTransition):
        services.transition_order(order=placed, to=OrderStatus.SHIPPED, now=NOW)
    with pytest.raises(IllegalOrderTransition):
        services.ship_order(
            order=placed, seller_user=None, carrier="DHL", tracking_number="1234567890", now=NOW
        )
    placed.refresh_from_db()
    assert placed.status == "awaiting_payment"
    assert placed.events.count() == 1


def test_shipping_needs_a_carrier_and_a_tracking_number(placed, clock):
    mark_paid(checkout=placed.checkout, now=NOW)
    with pytest.raises(InvalidShipment) as error:
        services.ship_order(
            order=placed, seller_user=None, carrier=" ", tracking_number="x" * 81, now=NOW
        )
    assert set(error.value.fields) == {"carrier", "tracking_number"}
    placed.refresh_from_db()
    assert placed.status == "paid"


def test_the_buyer_cancels_an_unpaid_order_and_the_stock_returns(placed, variant):
    services.cancel_by_buyer(order=placed, buyer=placed.buyer, now=NOW)

    placed.refresh_from_db()
    assert placed.status == "cancelled"
    assert position(variant.pk) == {"available": 10, "reserved": 0, "sold": 0, "on_hand": 10}
    # Releasing twice returns nothing more.
    from tradepost.inventory import services as inventory

    assert inventory.release(order_line_ids=[placed.lines.get().pk], now=NOW) == 0
    assert position(variant.pk)["available"] == 10


def test_the_seller_cancels_a_paid_order_only_with_a_reason(placed, variant):
    mark_paid(checkout=placed.checkout, now=NOW)
    seller = placed.store.seller.user
    with pytest.raises(ReasonRequired):
        services.cancel_by_seller(order=placed, seller_user=seller, reason="  ", now=NOW)
    assert position(variant.pk)["sold"] == 3

    services.cancel_by_seller(order=placed, seller_user=seller, reason="Damaged in stock", now=NOW)

    event = placed.events.last()
    assert (event.to_status, event.reason, event.actor) == ("cancelled", "Damaged in stock", seller)
    assert position(variant.pk) == {"available": 10, "reserved": 0, "sold": 0, "on_hand": 10}


def test_a_buyer_cannot_cancel_a_paid_order(placed):
    mark_paid(checkout=placed.checkout, now=NOW)
    with pytest.raises(IllegalOrderTransition):
        services.cancel_by_buyer(order=placed, buyer=placed.buyer, now=NOW)


def test_the_sweep_cancels_unpaid_orders_one_second_after_pay_by(variant, clock):
    unpaid_buyer, paying_buyer = make_buyer(), make_buyer()
    cart_with(unpaid_buyer, (variant, 2))
    cart_with(paying_buyer, (variant, 4))
    unpaid = place(unpaid_buyer).orders.get()
    paid = place(paying_buyer).orders.get()
    mark_paid(checkout=paid.checkout, now=NOW)

    assert services.cancel_overdue_orders(now=unpaid.pay_by) == 0  # not yet: pay_by itself
    assert services.cancel_overdue_orders(now=unpaid.pay_by + dt.timedelta(seconds=1)) == 1

    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert (unpaid.status, paid.status) == ("cancelled", "paid")
    assert unpaid.events.last().reason == "Not paid in time."
    assert position(variant.pk) == {"available": 6, "reserved": 0, "sold": 4, "on_hand": 10}


def test_the_periodic_task_sweeps_with_the_clock(placed, variant, clock):
    from tradepost.orders.tasks import cancel_overdue_orders

    clock.move_to(placed.pay_by + dt.timedelta(seconds=1))
    cancel_overdue_orders.call_local()

    placed.refresh_from_db()
    assert placed.status == "cancelled"
    assert position(variant.pk)["available"] == 10


def test_a_cancelled_unpaid_checkout_gives_its_coupon_use_back(variant):
    Coupon.objects.create(
        code="ONCE",
        kind=CouponKind.PERCENT,
        percent_bps=500,
        max_uses=1,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=1),
        funded_by=FundedBy.PLATFORM,
        created_at=NOW,
    )
    buyer = make_buyer()
    cart_with(buyer, (variant, 1))
    order = place(buyer, coupon_codes=["ONCE"]).orders.get()
    assert Coupon.objects.get(code="ONCE").uses == 1

    services.cancel_by_buyer(order=order, buyer=buyer, now=NOW)

    assert Coupon.objects.get(code="ONCE").uses == 0


def test_buyers_and_stores_only_find_their_own_orders(placed):
    other_buyer = make_buyer()
    other_store = make_seller_store()
    assert selectors.order_for_buyer(placed.buyer, placed.public_id) == placed
    assert selectors.order_for_store(placed.store, placed.public_id) == placed
    with pytest.raises(OrderNotFound):
        selectors.order_for_buyer(other_buyer, placed.public_id)
    with pytest.raises(OrderNotFound):
        selectors.order_for_store(other_store, placed.public_id)
    assert list(selectors.orders_for_buyer(other_buyer)) == []
    assert list(selectors.orders_for_store(other_store)) == []
    assert Order.objects.count() == 1


def test_store_orders_filter_by_status_and_search(placed, variant):
    store = placed.store
    assert list(selectors.orders_for_store(store, status="paid")) == []
    assert list(selectors.orders_for_store(store, status="awaiting_payment")) == [placed]
    assert list(selectors.orders_for_store(store, status="bogus")) == [placed]
    assert list(selectors.orders_for_store(store, search=variant.sku)) == [placed]
    assert list(selectors.orders_for_store(store, search=placed.public_id)) == [placed]
    assert list(selectors.orders_for_store(store, search="nobody")) == []


def test_selling_out_and_coming_back_rebuild_the_product_page(variant):
    from tradepost.catalog.models import Product

    revision = Product.objects.get(pk=variant.product_id).revision
    buyer = make_buyer()
    cart_with(buyer, (variant, 10))
    order = place(buyer).orders.get()
    assert Product.objects.get(pk=variant.product_id).revision == revision + 1

    services.cancel_by_buyer(order=order, buyer=buyer, now=NOW)
    assert Product.objects.get(pk=variant.product_id).revision == revision + 2


# --- buyer protection: confirm receipt and the auto-confirm sweep ------------------------------


def _shipped(placed, clock):
    pay(placed.checkout, now=clock.now())
    return services.ship_order(
        order=placed, seller_user=placed.store.seller.user, carrier="China Post",
        tracking_number=s10(142), now=clock.now(),
    )  # fmt: skip


def test_shipping_starts_the_protection_timer_and_delivery_restarts_it(placed, clock):
    order = _shipped(placed, clock)
    assert order.auto_confirm_at == NOW + dt.timedelta(days=60)
    order = services.mark_delivered(order=order, now=clock.advance(days=9))
    assert order.auto_confirm_at == NOW + dt.timedelta(days=9 + 15)
    order.refresh_from_db()
    assert (order.status, order.delivered_at) == ("delivered", NOW + dt.timedelta(days=9))


def test_slow_destinations_get_a_longer_protection_period(variant, clock, settings):
    settings.AUTO_CONFIRM_DAYS_AFTER_SHIPPED_BY_COUNTRY = {"US": 90}
    buyer = make_buyer(country="US")
    cart_with(buyer, (variant, 1))
    order = _shipped(place(buyer).orders.get(), clock)
    assert order.auto_confirm_at == NOW + dt.timedelta(days=90)


def test_the_buyer_confirms_receipt_and_the_seller_is_paid(placed, clock):
    from tradepost.ledger.selectors import escrow_by_order, seller_balances

    order = _shipped(placed, clock)
    assert escrow_by_order(order) == order.total_minor > 0
    services.confirm_receipt(order=order, buyer=placed.buyer, now=clock.advance(days=3))
    order.refresh_from_db()
    assert (order.status, order.auto_confirm_at) == ("completed", None)
    assert escrow_by_order(order) == 0
    (balance,) = seller_balances(order.store.seller).values()
    commission = order.store_items_minor * 800 // 10_000
    expected = order.store_items_minor + order.store_shipping_minor - commission
    assert (balance.in_escrow, balance.available) == (0, expected)


def test_receipt_can_be_confirmed_only_after_shipping_and_only_by_the_buyer(placed, clock):
    pay(placed.checkout, now=clock.now())
    with pytest.raises(errors.CannotConfirmReceipt):
        services.confirm_receipt(order=placed, buyer=placed.buyer, now=clock.now())
    services.ship_order(
        order=placed, seller_user=placed.store.seller.user, carrier="china-post",
        tracking_number=s10(1), now=clock.now(),
    )  # fmt: skip
    with pytest.raises(OrderNotFound):
        services.confirm_receipt(order=placed, buyer=make_buyer(), now=clock.now())
    placed.refresh_from_db()
    assert placed.status == "shipped"


def test_the_sweep_confirms_only_orders_whose_protection_ended(placed, variant, clock):
    order = _shipped(placed, clock)
    other_buyer = make_buyer()
    cart_with(other_buyer, (variant, 1))
    later = place(other_buyer).orders.get()
    pay(later.checkout, now=clock.advance(days=10))
    services.ship_order(
        order=later, seller_user=later.store.seller.user, carrier="china-post",
        tracking_number=s10(2), now=clock.now(),
    )  # fmt: skip

    assert services.auto_confirm_due_orders(now=NOW + dt.timedelta(days=59)) == 0
    assert services.auto_confirm_due_orders(now=NOW + dt.timedelta(days=60)) == 1
    order.refresh_from_db()
    later.refresh_from_db()
    assert (order.status, later.status) == ("completed", "shipped")
    assert (
        order.events.last().reason
        == "Receipt confirmed automatically: the protection period ended."
    )
    assert services.auto_confirm_due_orders(now=NOW + dt.timedelta(days=60)) == 0  # once


def test_a_seller_cancellation_of_a_paid_order_refunds_the_buyer(placed, variant, clock):
    from tradepost.ledger.selectors import escrow_by_order
    from tradepost.payments.models import Refund

    pay(placed.checkout, now=clock.now())
    services.cancel_by_seller(
        order=placed, seller_user=placed.store.seller.user, reason="Out of stock", now=clock.now()
    )
    placed.refresh_from_db()
    assert placed.status == "cancelled"
    assert list(Refund.objects.filter(order=placed).values_list("amount_minor", flat=True)) == [
        placed.total_minor
    ]
    assert escrow_by_order(placed) == 0
    assert position(variant.pk)["available"] == 10
