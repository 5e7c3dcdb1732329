"""Sellers and staff create, change and switch off coupons; every input is checked."""

import datetime as dt

import pytest

from tradepost.promotions import services
from tradepost.promotions.errors import (
    CouponCodeTaken,
    CouponNotFound,
    InvalidCoupon,
    PromotionsStaffOnly,
)
from tradepost.promotions.models import Coupon
from tradepost.promotions.services import CouponInput
from tradepost.promotions.testing import make_coupon

pytestmark = pytest.mark.django_db


def _input(clock, **changes) -> CouponInput:
    now = clock.now()
    fields = {
        "code": "spring-10",
        "kind": "percent",
        "percent_bps": 1000,
        "starts_at": now,
        "ends_at": now + dt.timedelta(days=7),
    }
    return CouponInput(**{**fields, **changes})


def test_seller_coupon_is_the_store_s_and_funded_by_the_seller(clock, cn_store):
    coupon = services.create_coupon_for_store(
        store=cn_store, actor=cn_store.seller.user, data=_input(clock), now=clock.now()
    )

    assert (coupon.code, coupon.store, coupon.funded_by) == ("SPRING-10", cn_store, "seller")
    assert coupon.currency == "CNY"  # the store's settlement currency by default
    assert coupon.created_by == cn_store.seller.user


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"code": "x"}, "code", id="code-too-short"),
        pytest.param({"code": "no spaces"}, "code", id="code-characters"),
        pytest.param({"percent_bps": 0}, "percent", id="percent-zero"),
        pytest.param({"percent_bps": 10001}, "percent", id="percent-over-100"),
        pytest.param({"kind": "fixed", "amount_minor": 0}, "amount", id="amount-zero"),
        pytest.param({"kind": "fixed", "amount_minor": -5}, "amount", id="amount-negative"),
        pytest.param({"kind": "bogus"}, "kind", id="kind"),
        pytest.param({"currency": "XXY"}, "currency", id="currency"),
        pytest.param({"min_spend_minor": -1}, "min_spend", id="min-spend"),
        pytest.param({"max_uses": 0}, "max_uses", id="max-uses"),
        pytest.param({"max_uses_per_buyer": 0}, "max_uses_per_buyer", id="per-buyer"),
        pytest.param({"ends_at": None}, "starts_at", id="no-end"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(clock, cn_store, changes, field):
    with pytest.raises(InvalidCoupon) as caught:
        services.create_coupon_for_store(
            store=cn_store, actor=None, data=_input(clock, **changes), now=clock.now()
        )

    assert caught.value.code == "invalid_coupon"
    assert field in caught.value.fields
    assert not Coupon.objects.exists()


def test_window_must_end_after_it_starts_and_in_the_future(clock, cn_store):
    now = clock.now()
    for starts, ends in [(now, now), (now - dt.timedelta(days=3), now - dt.timedelta(days=1))]:
        with pytest.raises(InvalidCoupon) as caught:
            services.create_coupon_for_store(
                store=cn_store, actor=None, data=_input(clock, starts_at=starts, ends_at=ends),
                now=now,
            )  # fmt: skip
        assert "ends_at" in caught.value.fields
    assert not Coupon.objects.exists()


def test_code_taken_in_any_case(clock, cn_store, jp_store):
    make_coupon(code="SPRING-10", store=jp_store)

    with pytest.raises(InvalidCoupon) as caught:
        services.create_coupon_for_store(
            store=cn_store, actor=None, data=_input(clock), now=clock.now()
        )

    assert caught.value.fields["code"] == [str(CouponCodeTaken.default_message)]
    assert Coupon.objects.count() == 1


def test_deactivate_own_coupon(clock, cn_store):
    coupon = make_coupon(store=cn_store)

    services.deactivate_coupon_for_store(
        store=cn_store, public_id=coupon.public_id, now=clock.now()
    )

    assert Coupon.objects.get(pk=coupon.pk).is_active is False


def test_other_store_s_coupon_is_not_found_and_unchanged(clock, cn_store, jp_store):
    coupon = make_coupon(store=jp_store)

    with pytest.raises(CouponNotFound):
        services.deactivate_coupon_for_store(
            store=cn_store, public_id=coupon.public_id, now=clock.now()
        )
    with pytest.raises(CouponNotFound):
        services.update_coupon_for_store(
            store=cn_store, public_id=coupon.public_id, max_uses=1, now=clock.now()
        )
    assert Coupon.objects.get(pk=coupon.pk).is_active is True
    assert Coupon.objects.get(pk=coupon.pk).max_uses is None


def test_seller_cannot_touch_platform_coupons(clock, cn_store):
    coupon = make_coupon()

    with pytest.raises(CouponNotFound):
        services.deactivate_coupon_for_store(
            store=cn_store, public_id=coupon.public_id, now=clock.now()
        )


def test_update_limits_not_below_uses(clock, cn_store):
    coupon = make_coupon(store=cn_store, max_uses=10, uses=4)

    with pytest.raises(InvalidCoupon) as caught:
        services.update_coupon_for_store(
            store=cn_store, public_id=coupon.public_id, max_uses=3, now=clock.now()
        )
    assert "max_uses" in caught.value.fields

    updated = services.update_coupon_for_store(
        store=cn_store, public_id=coupon.public_id, max_uses=4, max_uses_per_buyer=2,
        now=clock.now(),
    )  # fmt: skip
    assert (updated.max_uses, updated.max_uses_per_buyer) == (4, 2)


def test_update_refuses_other_fields(clock, cn_store):
    coupon = make_coupon(store=cn_store, percent_bps=500)

    with pytest.raises(InvalidCoupon):
        services.update_coupon_for_store(
            store=cn_store, public_id=coupon.public_id, percent_bps=9000, now=clock.now()
        )
    assert Coupon.objects.get(pk=coupon.pk).percent_bps == 500


def test_staff_platform_coupon_for_some_stores_funded_by_sellers(
    clock, promo_staff, cn_store, jp_store
):
    coupon = services.create_platform_coupon(
        staff=promo_staff,
        data=_input(clock, kind="fixed", amount_minor=300, currency="EUR"),
        funded_by="seller",
        stores=[cn_store, jp_store],
        now=clock.now(),
    )

    assert coupon.store is None
    assert (coupon.funded_by, coupon.amount_minor, coupon.currency) == ("seller", 300, "EUR")
    assert set(coupon.stores.all()) == {cn_store, jp_store}


def test_platform_coupons_need_the_permission(clock, plain_staff, cn_store):
    for actor in (plain_staff, cn_store.seller.user, None):
        with pytest.raises(PromotionsStaffOnly):
            services.create_platform_coupon(staff=actor, data=_input(clock), now=clock.now())
    coupon = make_coupon()
    with pytest.raises(PromotionsStaffOnly):
        services.deactivate_platform_coupon(
            staff=plain_staff, public_id=coupon.public_id, now=clock.now()
        )
    assert not Coupon.objects.exclude(pk=coupon.pk).exists()
    assert Coupon.objects.get(pk=coupon.pk).is_active


def test_staff_funded_by_must_be_known(clock, promo_staff):
    with pytest.raises(InvalidCoupon):
        services.create_platform_coupon(
            staff=promo_staff, data=_input(clock), funded_by="nobody", now=clock.now()
        )
