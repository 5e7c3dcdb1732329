"""Coupon discounts in the buyer's currency, to the minor unit (hand-computed)."""

import datetime as dt

import pytest

from tradepost.promotions.discounts import GroupSubtotal, coupon_discounts
from tradepost.promotions.models import CouponRedemption
from tradepost.promotions.testing import make_coupon

pytestmark = pytest.mark.django_db


def _discounts(coupon, groups, currency="EUR", buyer=None, now=None):
    now = now or dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    return coupon_discounts(coupon, groups=groups, currency=currency, buyer=buyer, now=now)


def _code(call) -> str:
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the code is what is asserted
        call()
    return caught.value.code


def test_percent_rounds_half_even_per_group(clock, cn_store, jp_store, de_store):
    coupon = make_coupon(percent_bps=500)  # 5 %
    groups = [
        GroupSubtotal(cn_store.id, 10),  # 0.5 -> 0
        GroupSubtotal(jp_store.id, 30),  # 1.5 -> 2
        GroupSubtotal(de_store.id, 12345),  # 617.25 -> 617
    ]

    assert _discounts(coupon, groups) == {cn_store.id: 0, jp_store.id: 2, de_store.id: 617}


def test_percent_with_basis_points(clock, cn_store):
    coupon = make_coupon(percent_bps=1250)  # 12.5 % of 123.45 = 15.43125

    assert _discounts(coupon, [GroupSubtotal(cn_store.id, 12345)]) == {cn_store.id: 1543}


def test_fixed_amount_is_converted_into_the_buyer_currency(clock, cn_store, add_rates):
    add_rates(CNY="7.5", JPY="160")
    coupon = make_coupon(amount_minor=5000, currency="CNY")  # 50.00 CNY

    # 160 / 7.5 = 21.3333333333 (12 digits) × 50.00 = 1066.666… -> 1067 JPY
    assert _discounts(coupon, [GroupSubtotal(cn_store.id, 90000)], currency="JPY") == {
        cn_store.id: 1067
    }


def test_fixed_amount_is_split_pro_rata_with_largest_remainder(clock, cn_store, jp_store, de_store):
    coupon = make_coupon(amount_minor=1000, currency="EUR")
    groups = [
        GroupSubtotal(cn_store.id, 3000),
        GroupSubtotal(jp_store.id, 1000),
        GroupSubtotal(de_store.id, 2000),
    ]

    # 500, 166.67, 333.33: the group with the largest remainder gets the odd cent
    assert _discounts(coupon, groups) == {cn_store.id: 500, jp_store.id: 167, de_store.id: 333}


def test_fixed_amount_is_capped_at_the_items(clock, cn_store, jp_store):
    coupon = make_coupon(amount_minor=5000, currency="EUR")
    groups = [GroupSubtotal(cn_store.id, 2000), GroupSubtotal(jp_store.id, 1000)]

    assert _discounts(coupon, groups) == {cn_store.id: 2000, jp_store.id: 1000}


def test_full_percent_never_exceeds_the_items(clock, cn_store):
    coupon = make_coupon(percent_bps=10000)

    assert _discounts(coupon, [GroupSubtotal(cn_store.id, 999)]) == {cn_store.id: 999}


def test_seller_coupon_applies_to_its_store_only(clock, cn_store, jp_store):
    coupon = make_coupon(store=cn_store, percent_bps=1000, currency="CNY")
    groups = [GroupSubtotal(cn_store.id, 5000), GroupSubtotal(jp_store.id, 7000)]

    assert _discounts(coupon, groups) == {cn_store.id: 500}


def test_seller_coupon_without_its_store_in_the_cart(clock, cn_store, jp_store):
    coupon = make_coupon(store=cn_store, percent_bps=1000, currency="CNY")

    code = _code(lambda: _discounts(coupon, [GroupSubtotal(jp_store.id, 7000)]))

    assert code == "coupon_not_applicable"


def test_platform_coupon_limited_to_listed_stores(clock, cn_store, jp_store, de_store):
    coupon = make_coupon(amount_minor=300, currency="EUR", stores=[cn_store, de_store])
    groups = [
        GroupSubtotal(cn_store.id, 1000),
        GroupSubtotal(jp_store.id, 5000),
        GroupSubtotal(de_store.id, 2000),
    ]

    assert _discounts(coupon, groups) == {cn_store.id: 100, de_store.id: 200}


def test_minimum_spend_is_converted_and_checked_on_eligible_items(clock, cn_store, add_rates):
    add_rates(JPY="160")
    coupon = make_coupon(percent_bps=1000, currency="EUR", min_spend_minor=2000)  # 20 EUR

    # 20.00 EUR = 3200 JPY
    assert _discounts(coupon, [GroupSubtotal(cn_store.id, 3200)], currency="JPY") == {
        cn_store.id: 320
    }
    code = _code(lambda: _discounts(coupon, [GroupSubtotal(cn_store.id, 3199)], currency="JPY"))
    assert code == "coupon_minimum_spend"


def test_minimum_spend_ignores_groups_the_coupon_does_not_apply_to(clock, cn_store, jp_store):
    coupon = make_coupon(store=cn_store, percent_bps=1000, currency="EUR", min_spend_minor=2000)
    groups = [GroupSubtotal(cn_store.id, 1999), GroupSubtotal(jp_store.id, 100000)]

    assert _code(lambda: _discounts(coupon, groups)) == "coupon_minimum_spend"


def test_missing_rate_is_an_error_not_a_guess(clock, cn_store):
    coupon = make_coupon(amount_minor=500, currency="EUR")

    code = _code(lambda: _discounts(coupon, [GroupSubtotal(cn_store.id, 9000)], currency="JPY"))

    assert code == "exchange_rate_unavailable"


def test_buyer_who_used_it_up_is_refused(clock, cn_store, buyer):
    coupon = make_coupon(percent_bps=1000, max_uses_per_buyer=1)
    CouponRedemption.objects.create(
        coupon=coupon, buyer=buyer, checkout_id=1, discount_minor=10, created_at=clock.now()
    )

    code = _code(lambda: _discounts(coupon, [GroupSubtotal(cn_store.id, 1000)], buyer=buyer))

    assert code == "coupon_limit_reached"


def test_expired_coupon_gives_no_discount(clock, cn_store):
    coupon = make_coupon(percent_bps=1000, ends_at=clock.now() - dt.timedelta(seconds=1))

    code = _code(lambda: _discounts(coupon, [GroupSubtotal(cn_store.id, 1000)], now=clock.now()))

    assert code == "coupon_expired"
