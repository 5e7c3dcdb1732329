"""Seller center pages for coupons and flash deals: create, refuse bad input, tenancy, queries."""

import pytest

from tradepost.catalog.testing import make_product
from tradepost.promotions.models import Coupon, FlashDeal
from tradepost.promotions.testing import make_coupon, make_deal

pytestmark = pytest.mark.django_db

COUPONS = "/en/seller/coupons/"
DEALS = "/en/seller/deals/"


@pytest.fixture
def seller_client(client, cn_store):
    client.force_login(cn_store.seller.user)
    return client


@pytest.fixture
def other_client(jp_store):
    from django.test import Client

    other = Client()
    other.force_login(jp_store.seller.user)
    return other


COUPON_FORM = {
    "code": "winter-15",
    "kind": "percent",
    "percent": "12.5",
    "currency": "CNY",
    "min_spend": "100.00",
    "starts_at": "2026-11-25T12:00",
    "ends_at": "2026-12-31T23:59",
    "max_uses": "100",
    "max_uses_per_buyer": "1",
}


def test_seller_creates_a_coupon(clock, seller_client, cn_store):
    response = seller_client.post(COUPONS, COUPON_FORM)

    assert response.status_code == 302
    coupon = Coupon.objects.get()
    assert (coupon.code, coupon.store, coupon.funded_by) == ("WINTER-15", cn_store, "seller")
    assert (coupon.percent_bps, coupon.min_spend_minor, coupon.currency) == (1250, 10000, "CNY")
    html = seller_client.get(COUPONS).content.decode()
    assert "WINTER-15" in html
    assert "12.5 %" in html


def test_seller_creates_a_fixed_coupon_in_another_currency(clock, seller_client):
    form = {**COUPON_FORM, "kind": "fixed", "percent": "", "amount": "5", "currency": "EUR"}

    seller_client.post(COUPONS, form)

    coupon = Coupon.objects.get()
    assert (coupon.kind, coupon.amount_minor, coupon.currency) == ("fixed", 500, "EUR")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"percent": "0"}, "more than 0 and at most 100", id="percent-zero"),
        pytest.param({"percent": "101"}, "more than 0 and at most 100", id="percent-over"),
        pytest.param({"ends_at": "2026-11-01T00:00"}, "after the start", id="window"),
        pytest.param({"code": "a b"}, "letters, digits", id="code"),
        pytest.param({"kind": "fixed", "amount": "0.001"}, "decimal places", id="amount-decimals"),
        pytest.param({"kind": "fixed", "amount": "-1"}, "more than zero", id="amount-negative"),
        pytest.param({"currency": "XXY"}, "XXY", id="currency"),
    ],
)
def test_bad_input_shows_errors_and_creates_nothing(clock, seller_client, changes, message):
    response = seller_client.post(COUPONS, {**COUPON_FORM, **changes})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not Coupon.objects.exists()


def test_seller_switches_a_coupon_off_with_htmx(clock, seller_client, cn_store):
    coupon = make_coupon(store=cn_store, code="OFFME")

    response = seller_client.post(
        f"{COUPONS}{coupon.public_id}/deactivate/", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert 'data-status="off"' in response.content.decode()
    assert Coupon.objects.get(pk=coupon.pk).is_active is False


def test_other_seller_cannot_see_or_switch_off_a_coupon(clock, other_client, cn_store):
    coupon = make_coupon(store=cn_store, code="MINE")

    assert "MINE" not in other_client.get(COUPONS).content.decode()
    response = other_client.post(f"{COUPONS}{coupon.public_id}/deactivate/")

    assert response.status_code == 404
    assert Coupon.objects.get(pk=coupon.pk).is_active is True


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(COUPONS).status_code == 302
    assert client.get(DEALS).status_code == 302


def _deal_form(variant, **changes):
    return {
        "variant": variant.public_id,
        "deal_price": "49.00",
        "quantity": "10",
        "max_per_order": "2",
        "starts_at": "2026-11-25T12:00",
        "ends_at": "2026-11-26T12:00",
        **changes,
    }


def test_seller_creates_a_deal(clock, seller_client, variant):
    page = seller_client.get(DEALS).content.decode()
    assert variant.public_id in page  # offered in the variant list
    assert "Pocket phone" in page

    response = seller_client.post(DEALS, _deal_form(variant))

    assert response.status_code == 302
    deal = FlashDeal.objects.get()
    assert (deal.variant, deal.deal_price_minor, deal.quantity, deal.max_per_order) == (
        variant, 4900, 10, 2,
    )  # fmt: skip
    assert 'data-status="running"' in seller_client.get(DEALS).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"deal_price": "68.00"}, "below the variant", id="price-not-below"),
        pytest.param({"deal_price": "0"}, "more than zero", id="price-zero"),
        pytest.param({"quantity": "21"}, "Only 20 units", id="above-stock"),
        pytest.param({"quantity": "0"}, "at least 1", id="quantity-zero"),
        pytest.param({"ends_at": "2026-11-25T11:00"}, "after the start", id="window"),
    ],
)
def test_bad_deal_input_shows_errors_and_creates_nothing(
    clock, seller_client, variant, changes, message
):
    response = seller_client.post(DEALS, _deal_form(variant, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FlashDeal.objects.exists()


def test_overlapping_deal_is_refused_on_the_page(clock, seller_client, variant):
    make_deal(variant)

    response = seller_client.post(DEALS, _deal_form(variant))

    assert "already has a flash deal" in response.content.decode()
    assert FlashDeal.objects.count() == 1


def test_deal_on_another_store_s_variant_is_not_found(clock, other_client, variant):
    response = other_client.post(DEALS, _deal_form(variant))

    assert response.status_code == 404
    assert not FlashDeal.objects.exists()


def test_other_seller_cannot_see_or_cancel_a_deal(clock, other_client, variant):
    deal = make_deal(variant)

    assert deal.public_id not in other_client.get(DEALS).content.decode()
    response = other_client.post(f"{DEALS}{deal.public_id}/cancel/")

    assert response.status_code == 404
    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is False


def test_seller_cancels_a_deal(clock, seller_client, variant):
    deal = make_deal(variant)

    response = seller_client.post(f"{DEALS}{deal.public_id}/cancel/")

    assert response.status_code == 302
    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is True


def test_list_pages_have_bounded_queries(
    clock, seller_client, cn_store, phones, django_assert_max_num_queries
):
    for number in range(30):
        make_coupon(store=cn_store, code=f"MANY{number}", min_spend_minor=100)
        product = make_product(store=cn_store, category=phones, variants=[{"price_minor": 900}])
        make_deal(product.variants.get())

    with django_assert_max_num_queries(10):
        coupons = seller_client.get(COUPONS)
    with django_assert_max_num_queries(12):
        deals = seller_client.get(DEALS)

    assert coupons.content.decode().count('data-testid="coupon-row"') == 25
    assert deals.content.decode().count('data-testid="deal-row"') == 25
