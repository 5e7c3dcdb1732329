"""Taking and giving back coupon uses (single-threaded; the races are in test_concurrency)."""

import pytest
from django.db import transaction

from tradepost.promotions.errors import CouponLimitReached, CouponNotActive, CouponUsedUp
from tradepost.promotions.models import Coupon, CouponRedemption
from tradepost.promotions.services import redeem_coupons, release_coupon_redemptions
from tradepost.promotions.testing import make_coupon

pytestmark = pytest.mark.django_db


def _redeem(coupon, buyer, checkout_id, clock, discount=100):
    return redeem_coupons(
        redemptions=[(coupon, discount)], buyer=buyer, checkout_id=checkout_id, now=clock.now()
    )


def test_redeem_takes_a_use_and_records_the_discount(clock, buyer):
    coupon = make_coupon(max_uses=5)

    [redemption] = _redeem(coupon, buyer, 7, clock, discount=250)

    coupon.refresh_from_db()
    assert coupon.uses == 1
    assert (redemption.buyer, redemption.checkout_id, redemption.discount_minor) == (buyer, 7, 250)


def test_last_use_taken(clock, buyer, other_buyer):
    coupon = make_coupon(max_uses=1)
    _redeem(coupon, buyer, 1, clock)

    with pytest.raises(CouponUsedUp) as caught:
        _redeem(coupon, other_buyer, 2, clock)

    assert caught.value.code == "coupon_used_up"
    assert caught.value.http_status == 409
    assert Coupon.objects.get(pk=coupon.pk).uses == 1


def test_buyer_limit_leaves_nothing_behind(clock, buyer):
    coupon = make_coupon(max_uses=10, max_uses_per_buyer=1)
    _redeem(coupon, buyer, 1, clock)

    with pytest.raises(CouponLimitReached) as caught:
        _redeem(coupon, buyer, 2, clock)

    assert caught.value.code == "coupon_limit_reached"
    assert Coupon.objects.get(pk=coupon.pk).uses == 1
    assert CouponRedemption.objects.count() == 1


def test_error_on_second_coupon_rolls_back_the_first(clock, buyer, cn_store):
    first = make_coupon(max_uses=5)
    second = make_coupon(store=cn_store, max_uses=1, uses=1)

    with pytest.raises(CouponUsedUp), transaction.atomic():
        redeem_coupons(
            redemptions=[(second, 10), (first, 10)], buyer=buyer, checkout_id=3, now=clock.now()
        )

    assert Coupon.objects.get(pk=first.pk).uses == 0
    assert not CouponRedemption.objects.exists()


def test_deactivated_between_review_and_place(clock, buyer):
    coupon = make_coupon()
    Coupon.objects.filter(pk=coupon.pk).update(is_active=False)

    with pytest.raises(CouponNotActive):
        _redeem(coupon, buyer, 1, clock)


def test_repeat_for_the_same_checkout_takes_no_second_use(clock, buyer):
    coupon = make_coupon(max_uses_per_buyer=3)
    _redeem(coupon, buyer, 1, clock)

    assert _redeem(coupon, buyer, 1, clock) == []
    assert Coupon.objects.get(pk=coupon.pk).uses == 1


def test_release_gives_the_use_back_once(clock, buyer, cn_store):
    coupon = make_coupon(max_uses=1)
    seller_coupon = make_coupon(store=cn_store)
    redeem_coupons(
        redemptions=[(coupon, 10), (seller_coupon, 20)], buyer=buyer, checkout_id=9, now=clock.now()
    )

    assert release_coupon_redemptions(checkout_id=9) == 2
    assert release_coupon_redemptions(checkout_id=9) == 0

    assert Coupon.objects.get(pk=coupon.pk).uses == 0
    assert Coupon.objects.get(pk=seller_coupon.pk).uses == 0
    assert not CouponRedemption.objects.exists()
    _redeem(coupon, buyer, 10, clock)  # the use is free again
