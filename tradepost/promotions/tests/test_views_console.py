"""Staff console pages for platform coupons and flash deals: the permission, create, cancel."""

import pytest

from tradepost.promotions.models import Coupon, FlashDeal
from tradepost.promotions.testing import make_coupon, make_deal

pytestmark = pytest.mark.django_db

COUPONS = "/en/console/coupons/"
DEALS = "/en/console/deals/"
COUPON_FORM = {
    "code": "MARKET5",
    "kind": "fixed",
    "amount": "5.00",
    "currency": "EUR",
    "starts_at": "2026-11-25T12:00",
    "ends_at": "2026-12-25T12:00",
    "max_uses": "1000",
    "max_uses_per_buyer": "1",
    "funded_by": "platform",
    "stores": "",
}


@pytest.fixture
def staff_client(client, promo_staff):
    client.force_login(promo_staff)
    return client


def test_staff_creates_a_platform_coupon_for_some_stores(clock, staff_client, cn_store, jp_store):
    form = {**COUPON_FORM, "funded_by": "seller", "stores": f"{cn_store.slug}, {jp_store.slug}"}

    response = staff_client.post(COUPONS, form)

    assert response.status_code == 302
    coupon = Coupon.objects.get()
    assert (coupon.store, coupon.funded_by, coupon.amount_minor) == (None, "seller", 500)
    assert set(coupon.stores.all()) == {cn_store, jp_store}
    assert cn_store.name in staff_client.get(COUPONS).content.decode()


def test_unknown_store_is_a_form_error(clock, staff_client):
    response = staff_client.post(COUPONS, {**COUPON_FORM, "stores": "no-such-shop"})

    assert "no-such-shop" in response.content.decode()
    assert not Coupon.objects.exists()


def test_staff_switches_a_platform_coupon_off(clock, staff_client):
    coupon = make_coupon(code="STOPME")

    staff_client.post(f"{COUPONS}{coupon.public_id}/deactivate/")

    assert Coupon.objects.get(pk=coupon.pk).is_active is False


def test_seller_coupons_are_not_platform_coupons(clock, staff_client, cn_store):
    coupon = make_coupon(store=cn_store, code="SELLERS")

    assert "SELLERS" not in staff_client.get(COUPONS).content.decode()
    assert staff_client.post(f"{COUPONS}{coupon.public_id}/deactivate/").status_code == 404
    assert Coupon.objects.get(pk=coupon.pk).is_active is True


def test_staff_puts_any_store_s_variant_on_a_deal(clock, staff_client, variant):
    form = {
        "variant": variant.public_id,
        "deal_price": "50",
        "quantity": "5",
        "starts_at": "2026-11-25T12:00",
        "ends_at": "2026-11-25T18:00",
    }

    response = staff_client.post(DEALS, form)

    assert response.status_code == 302
    deal = FlashDeal.objects.get()
    assert (deal.variant, deal.deal_price_minor, deal.quantity) == (variant, 5000, 5)
    assert "Shenzhen Gadgets" in staff_client.get(DEALS).content.decode()


def test_unknown_variant_is_a_form_error(clock, staff_client):
    form = {"variant": "nope", "deal_price": "5", "quantity": "1",
            "starts_at": "2026-11-25T12:00", "ends_at": "2026-11-25T18:00"}  # fmt: skip

    response = staff_client.post(DEALS, form)

    assert response.status_code == 200
    assert "Variant not found" in response.content.decode()
    assert not FlashDeal.objects.exists()


def test_staff_cancels_a_deal_with_htmx(clock, staff_client, variant):
    deal = make_deal(variant)

    response = staff_client.post(f"{DEALS}{deal.public_id}/cancel/", HTTP_HX_REQUEST="true")

    assert 'data-status="cancelled"' in response.content.decode()
    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is True


@pytest.mark.parametrize("url", [COUPONS, DEALS])
def test_staff_without_the_permission_get_not_found(clock, client, plain_staff, url):
    client.force_login(plain_staff)

    assert client.get(url).status_code == 404


def test_sellers_and_buyers_get_not_found_and_change_nothing(clock, client, cn_store, variant):
    deal = make_deal(variant)
    coupon = make_coupon(code="PLATFORM")
    client.force_login(cn_store.seller.user)

    assert client.get(COUPONS).status_code == 404
    assert client.post(f"{DEALS}{deal.public_id}/cancel/").status_code == 404
    assert client.post(f"{COUPONS}{coupon.public_id}/deactivate/").status_code == 404
    assert client.post(COUPONS, COUPON_FORM).status_code == 404
    assert FlashDeal.objects.get(pk=deal.pk).is_cancelled is False
    assert Coupon.objects.get(pk=coupon.pk).is_active is True
    assert Coupon.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(COUPONS)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_list_pages_have_bounded_queries(
    clock, staff_client, cn_store, jp_store, variant, django_assert_max_num_queries
):
    for number in range(30):
        make_coupon(code=f"PLAT{number}", stores=[cn_store, jp_store])
    make_deal(variant)

    with django_assert_max_num_queries(12):
        coupons = staff_client.get(COUPONS)
    with django_assert_max_num_queries(12):
        staff_client.get(DEALS)

    assert coupons.content.decode().count('data-testid="coupon-row"') == 30
