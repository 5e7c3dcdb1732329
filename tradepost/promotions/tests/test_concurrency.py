"""Real threads, each with its own database connection and transaction: coupon limits and deal
units hold when buyers race (SQLite and PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from tradepost.promotions.errors import CouponLimitReached, CouponUsedUp
from tradepost.promotions.models import Coupon, CouponRedemption, FlashDeal
from tradepost.promotions.services import (
    redeem_coupons,
    release_coupon_redemptions,
    take_deal_units,
)
from tradepost.promotions.testing import make_coupon, make_deal

pytestmark = pytest.mark.django_db(transaction=True)


def _race(count: int, work) -> list:
    """Run `work(i)` in `count` threads released at once; the results (or exceptions)."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - collected and asserted on
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _redeem_in_own_transaction(coupon, buyer, checkout_id, now):
    with transaction.atomic():
        redeem_coupons(redemptions=[(coupon, 100)], buyer=buyer, checkout_id=checkout_id, now=now)
    return True


def test_fifty_buyers_race_for_five_uses(clock, make_user):
    coupon = make_coupon(code="FIVE", max_uses=5, max_uses_per_buyer=1)
    buyers = [make_user(f"racer{i}@example.com") for i in range(50)]
    now = clock.now()

    results = _race(50, lambda i: _redeem_in_own_transaction(coupon, buyers[i], 1000 + i, now))

    assert results.count(True) == 5
    refused = [r for r in results if r is not True]
    assert all(isinstance(r, CouponUsedUp) and r.code == "coupon_used_up" for r in refused)
    assert Coupon.objects.get(pk=coupon.pk).uses == 5
    assert CouponRedemption.objects.filter(coupon=coupon).count() == 5


def test_one_buyer_in_ten_threads_gets_one_use(clock, buyer):
    coupon = make_coupon(code="ONCE", max_uses=None, max_uses_per_buyer=1)
    now = clock.now()

    results = _race(10, lambda i: _redeem_in_own_transaction(coupon, buyer, 2000 + i, now))

    assert results.count(True) == 1
    refused = [r for r in results if r is not True]
    assert all(isinstance(r, CouponLimitReached) for r in refused)
    assert Coupon.objects.get(pk=coupon.pk).uses == 1
    assert CouponRedemption.objects.filter(coupon=coupon, buyer=buyer).count() == 1


def test_fifty_threads_take_a_ten_unit_deal(clock, variant):
    deal = make_deal(variant, quantity=10)
    now = clock.now()

    def take(_index):
        with transaction.atomic():
            return take_deal_units(deal_id=deal.pk, quantity=1, now=now)

    results = _race(50, take)

    assert results.count(True) == 10
    assert results.count(False) == 40
    assert FlashDeal.objects.get(pk=deal.pk).sold == 10


def test_concurrent_releases_give_each_use_back_once(clock, buyer):
    coupon = make_coupon(code="BACK", max_uses=5)
    redeem_coupons(redemptions=[(coupon, 100)], buyer=buyer, checkout_id=77, now=clock.now())

    def release(_index):
        with transaction.atomic():
            return release_coupon_redemptions(checkout_id=77)

    results = _race(8, release)

    assert sorted(results) == [0] * 7 + [1]
    assert Coupon.objects.get(pk=coupon.pk).uses == 0
    assert not CouponRedemption.objects.exists()
