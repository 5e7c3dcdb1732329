"""Looking coupon codes up at checkout: case, duplicates, and every reason to refuse."""

import datetime as dt

import pytest

from tradepost.promotions.errors import (
    CouponNotActive,
    CouponNotFound,
    InvalidCouponCombination,
)
from tradepost.promotions.services import lookup_coupons
from tradepost.promotions.testing import make_coupon

pytestmark = pytest.mark.django_db


def test_codes_are_case_insensitive_and_duplicates_collapse(clock, cn_store):
    platform = make_coupon(code="WELCOME10", percent_bps=1000)
    seller = make_coupon(code="SHOP5", store=cn_store)

    found = lookup_coupons([" welcome10", "Shop5", "WELCOME10", ""], now=clock.now())

    assert found == [platform, seller]


def test_unknown_code(clock):
    with pytest.raises(CouponNotFound) as caught:
        lookup_coupons(["NOPE"], now=clock.now())

    assert caught.value.code == "coupon_not_found"
    assert caught.value.http_status == 404
    assert "NOPE" in str(caught.value)


@pytest.mark.parametrize(
    "window",
    [
        pytest.param({"ends_at": dt.timedelta(seconds=0)}, id="expired-at-the-second"),
        pytest.param({"ends_at": dt.timedelta(days=-1)}, id="expired"),
        pytest.param({"starts_at": dt.timedelta(seconds=1)}, id="not-yet-valid"),
    ],
)
def test_outside_the_window(clock, window):
    now = clock.now()
    shifted = {name: now + delta for name, delta in window.items()}
    if "starts_at" in shifted:
        shifted["ends_at"] = now + dt.timedelta(days=2)
    else:
        shifted["starts_at"] = now - dt.timedelta(days=5)
    make_coupon(code="WINDOW", **shifted)

    with pytest.raises(CouponNotActive) as caught:
        lookup_coupons(["window"], now=now)

    assert caught.value.code == "coupon_expired"


def test_deactivated(clock):
    make_coupon(code="OFF", is_active=False)

    with pytest.raises(CouponNotActive):
        lookup_coupons(["OFF"], now=clock.now())


def test_two_platform_coupons_do_not_combine(clock):
    make_coupon(code="ONE")
    make_coupon(code="TWO")

    with pytest.raises(InvalidCouponCombination) as caught:
        lookup_coupons(["ONE", "TWO"], now=clock.now())

    assert caught.value.code == "coupon_combination"


def test_two_coupons_of_one_store_do_not_combine(clock, cn_store):
    make_coupon(code="A1", store=cn_store)
    make_coupon(code="A2", store=cn_store)

    with pytest.raises(InvalidCouponCombination):
        lookup_coupons(["A1", "A2"], now=clock.now())


def test_one_platform_and_one_per_store_combine(clock, cn_store, jp_store):
    make_coupon(code="ALL")
    make_coupon(code="CN", store=cn_store)
    make_coupon(code="JP", store=jp_store)

    assert len(lookup_coupons(["all", "cn", "jp"], now=clock.now())) == 3


def test_lookup_loads_stores_in_a_fixed_number_of_queries(
    clock, cn_store, jp_store, django_assert_num_queries
):
    make_coupon(code="ALL", stores=[cn_store, jp_store])
    make_coupon(code="CN", store=cn_store)

    with django_assert_num_queries(2):  # coupons with their store, then the stores lists
        coupons = lookup_coupons(["ALL", "CN"], now=clock.now())
        assert [c.store for c in coupons] == [None, cn_store]
        assert {s.pk for s in coupons[0].stores.all()} == {cn_store.pk, jp_store.pk}
