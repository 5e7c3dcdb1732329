"""Sellers (own variants) and staff (any variant) create and cancel flash deals."""

import datetime as dt

import pytest

from tradepost.catalog.errors import VariantNotFound
from tradepost.catalog.models import Product
from tradepost.catalog.testing import make_product
from tradepost.promotions import services
from tradepost.promotions.errors import (
    FlashDealEnded,
    FlashDealNotFound,
    FlashDealOverlaps,
    InvalidFlashDeal,
    PromotionsStaffOnly,
)
from tradepost.promotions.models import FlashDeal
from tradepost.promotions.services import FlashDealInput
from tradepost.promotions.testing import make_deal

pytestmark = pytest.mark.django_db


def _input(clock, variant, **changes) -> FlashDealInput:
    now = clock.now()
    fields = {
        "variant": variant.public_id,
        "deal_price_minor": 4900,
        "quantity": 10,
        "starts_at": now,
        "ends_at": now + dt.timedelta(hours=6),
    }
    return FlashDealInput(**{**fields, **changes})


def _create(store, clock, variant, **changes):
    return services.create_flash_deal_for_store(
        store=store, actor=None, data=_input(clock, variant, **changes), now=clock.now()
    )


def test_seller_puts_own_variant_on_a_deal(clock, cn_store, phone, variant):
    revision = phone.revision

    deal = _create(cn_store, clock, variant, max_per_order=2)

    assert (deal.variant, deal.deal_price_minor, deal.quantity, deal.sold) == (variant, 4900, 10, 0)
    assert deal.max_per_order == 2
    assert Product.objects.get(pk=phone.pk).revision > revision  # the cached page is rebuilt


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"deal_price_minor": 0}, "deal_price", id="price-zero"),
        pytest.param({"deal_price_minor": 6800}, "deal_price", id="price-not-below"),
        pytest.param({"deal_price_minor": 9000}, "deal_price", id="price-above"),
        pytest.param({"quantity": 0}, "quantity", id="quantity-zero"),
        pytest.param({"quantity": 21}, "quantity", id="quantity-above-stock"),
        pytest.param({"max_per_order": 0}, "max_per_order", id="per-order"),
        pytest.param({"starts_at": None}, "starts_at", id="no-start"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(clock, cn_store, variant, changes, field):
    with pytest.raises(InvalidFlashDeal) as caught:
        _create(cn_store, clock, variant, **changes)

    assert caught.value.code == "invalid_flash_deal"
    assert field in caught.value.fields
    assert not FlashDeal.objects.exists()


def test_window_must_end_after_start_and_in_the_future(clock, cn_store, variant):
    now = clock.now()
    for starts, ends in [(now, now), (now - dt.timedelta(days=2), now - dt.timedelta(days=1))]:
        with pytest.raises(InvalidFlashDeal) as caught:
            _create(cn_store, clock, variant, starts_at=starts, ends_at=ends)
        assert "ends_at" in caught.value.fields
    assert not FlashDeal.objects.exists()


def test_overlapping_deal_on_the_same_variant(clock, cn_store, variant):
    now = clock.now()
    make_deal(variant, starts_at=now + dt.timedelta(hours=5), ends_at=now + dt.timedelta(hours=8))

    with pytest.raises(FlashDealOverlaps) as caught:
        _create(cn_store, clock, variant)

    assert caught.value.code == "flash_deal_overlap"
    assert FlashDeal.objects.count() == 1


def test_back_to_back_and_cancelled_deals_do_not_overlap(clock, cn_store, variant):
    now = clock.now()
    make_deal(variant, starts_at=now + dt.timedelta(hours=6), ends_at=now + dt.timedelta(hours=9))
    make_deal(variant, starts_at=now, ends_at=now + dt.timedelta(hours=2), is_cancelled=True)

    _create(cn_store, clock, variant)

    assert FlashDeal.objects.count() == 3


def test_other_store_s_variant_is_not_found(clock, jp_store, variant):
    with pytest.raises(VariantNotFound) as caught:
        _create(jp_store, clock, variant)

    assert caught.value.http_status == 404
    assert not FlashDeal.objects.exists()


def test_cancel_own_deal_once(clock, cn_store, phone, variant):
    deal = make_deal(variant)
    revision = Product.objects.get(pk=phone.pk).revision

    services.cancel_flash_deal_for_store(store=cn_store, public_id=deal.public_id, now=clock.now())
    services.cancel_flash_deal_for_store(store=cn_store, public_id=deal.public_id, now=clock.now())

    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is True
    assert Product.objects.get(pk=phone.pk).revision == revision + 1


def test_cancel_ended_deal(clock, cn_store, variant):
    now = clock.now()
    deal = make_deal(variant, starts_at=now - dt.timedelta(days=2), ends_at=now)

    with pytest.raises(FlashDealEnded):
        services.cancel_flash_deal_for_store(store=cn_store, public_id=deal.public_id, now=now)


def test_other_store_cannot_cancel(clock, jp_store, variant):
    deal = make_deal(variant)

    with pytest.raises(FlashDealNotFound):
        services.cancel_flash_deal_for_store(
            store=jp_store, public_id=deal.public_id, now=clock.now()
        )
    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is False


def test_staff_deal_on_any_store_s_variant(clock, promo_staff, jp_store, phones):
    product = make_product(
        store=jp_store, category=phones, variants=[{"price_minor": 900, "stock": 3}]
    )
    variant = product.variants.get()

    deal = services.create_flash_deal_as_staff(
        staff=promo_staff,
        data=_input(clock, variant, deal_price_minor=500, quantity=3),
        now=clock.now(),
    )
    services.cancel_flash_deal_as_staff(
        staff=promo_staff, public_id=deal.public_id, now=clock.now()
    )

    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is True


def test_staff_deals_need_the_permission(clock, plain_staff, variant):
    with pytest.raises(PromotionsStaffOnly):
        services.create_flash_deal_as_staff(
            staff=plain_staff, data=_input(clock, variant), now=clock.now()
        )
    deal = make_deal(variant)
    with pytest.raises(PromotionsStaffOnly):
        services.cancel_flash_deal_as_staff(
            staff=plain_staff, public_id=deal.public_id, now=clock.now()
        )
    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is False
