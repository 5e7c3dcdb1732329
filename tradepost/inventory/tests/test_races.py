"""Many buyers placing at the same moment, each thread with its own database connection: stock and
coupon uses are never oversold, on SQLite (one writer at a time) and PostgreSQL (row locks)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from tradepost.cart.models import Checkout
from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.errors import DomainError
from tradepost.inventory.selectors import position
from tradepost.orders.models import Order
from tradepost.promotions.models import Coupon, CouponKind, CouponRedemption, FundedBy

BUYERS = 50


def race(buyers, attempt):
    """Run `attempt(buyer)` for every buyer at once; returns (successes, error codes)."""
    start = threading.Barrier(len(buyers))
    placed, refused, crashed = [], [], []

    def run(buyer):
        try:
            start.wait()
            placed.append(attempt(buyer))
        except DomainError as error:
            refused.append(error.code)
        except Exception as error:  # noqa: BLE001 - a crash must fail the test, not the thread
            crashed.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(buyer,)) for buyer in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashed == []
    return placed, refused


@pytest.fixture
def last_units(transactional_db):
    store = make_seller_store(currency="EUR")
    product = make_product(
        store=store,
        category=make_category(["toys"]),
        variants=[{"price_minor": 999, "stock": BUYERS}],
    )
    return product.variants.get()


@pytest.mark.django_db(transaction=True)
def test_fifty_buyers_race_for_the_last_ten_units(last_units):
    buyers = [make_buyer() for _ in range(BUYERS)]
    for buyer in buyers:
        cart_with(buyer, (last_units, 1))  # each put one in the cart while 50 were left
    last_units.__class__.objects.filter(pk=last_units.pk).update(stock=10)

    placed, refused = race(buyers, lambda buyer: place(buyer))

    assert len(placed) == 10
    assert Order.objects.count() == 10
    assert set(refused) <= {"out_of_stock", "cart_needs_attention"}
    assert len(refused) == BUYERS - 10
    stock = position(last_units.pk)
    assert stock == {"available": 0, "reserved": 10, "sold": 0, "on_hand": 10}


@pytest.mark.django_db(transaction=True)
def test_a_coupon_with_five_uses_raced_by_fifty_buyers(last_units):
    now = dt.datetime.now(dt.UTC)
    Coupon.objects.create(
        code="FIVE",
        kind=CouponKind.FIXED,
        amount_minor=100,
        currency="EUR",
        max_uses=5,
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=1),
        funded_by=FundedBy.PLATFORM,
        created_at=now,
    )
    buyers = [make_buyer() for _ in range(BUYERS)]
    for buyer in buyers:
        cart_with(buyer, (last_units, 1))

    placed, refused = race(buyers, lambda buyer: place(buyer, coupon_codes=["FIVE"]))

    assert len(placed) == 5
    assert set(refused) == {"coupon_used_up"}
    assert Coupon.objects.get(code="FIVE").uses == 5
    assert CouponRedemption.objects.count() == 5
    assert all(checkout.discount_minor == 100 for checkout in placed)
    # Refused checkouts left nothing behind: no order, no reservation.
    assert Checkout.objects.count() == Order.objects.count() == 5
    assert position(last_units.pk) == {
        "available": BUYERS - 5,
        "reserved": 5,
        "sold": 0,
        "on_hand": BUYERS,
    }


@pytest.mark.django_db(transaction=True)
def test_twenty_identical_requests_place_one_checkout(last_units):
    buyer = make_buyer()
    cart_with(buyer, (last_units, 2))

    placed, refused = race([buyer] * 20, lambda buyer: place(buyer, key="one-key"))

    assert Checkout.objects.count() == 1
    assert {checkout.pk for checkout in placed} == {Checkout.objects.get().pk}
    # A request that read the cart after the winner emptied it is told so.
    assert set(refused) <= {"cart_empty"}
    assert position(last_units.pk)["reserved"] == 2
