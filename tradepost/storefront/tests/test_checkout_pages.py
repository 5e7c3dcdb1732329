"""Checkout pages: address (address book or a new one, errors in the form), review with every
amount in the buyer's currency and each seller's rate, coupons as form errors, placing once per
review, refusing a changed cart or total, and nobody else's checkout."""

import pytest
from django.test import Client

from tradepost.accounts.models import Address
from tradepost.cart.models import Checkout
from tradepost.catalog.models import Variant
from tradepost.catalog.testing import make_seller_store
from tradepost.inventory.models import Reservation
from tradepost.orders.models import Order
from tradepost.promotions.testing import make_coupon
from tradepost.shipping.testing import flat_rate as set_flat_rate
from tradepost.storefront.tests.buying import add, make_address, place_form, review, text

pytestmark = pytest.mark.django_db

NEW_ADDRESS = {
    "add_address": "1", "full_name": "Lucía García", "line1": "Calle Mayor 1", "city": "Madrid",
    "postal_code": "28013", "country": "ES", "phone": "612 345 678",
}  # fmt: skip


@pytest.fixture
def filled(es_client, es_buyer, shop):
    """The Spanish buyer's cart: one phone (CNY store) and two creams (KRW store)."""
    add(es_client, shop.phone, "1")
    add(es_client, shop.cream, "2")
    return es_client


def test_checkout_needs_an_account(client, shop):
    add(client, shop.phone, "1")
    response = client.get("/en/checkout/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/checkout/")


def test_an_empty_cart_goes_back_to_the_cart(es_client):
    assert es_client.get("/en/checkout/")["Location"] == "/en/cart/"
    assert es_client.get("/en/checkout/review/")["Location"] == "/en/cart/"


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        ({"full_name": "", "city": ""}, ["This field is required."]),
        (
            {"postal_code": "99999", "phone": "12"},
            [
                "This is not a valid postal code for the selected country.",
                "This is not a valid phone number.",
            ],
        ),
        ({"country": "XX"}, ["Select a valid choice. XX is not one of the available choices."]),
    ],
)
def test_a_new_address_with_errors_is_shown_again_and_nothing_saved(filled, changes, messages):
    response = filled.post("/en/checkout/", {**NEW_ADDRESS, **changes})

    assert response.status_code == 422
    for message in messages:
        assert message in text(response)
    assert 'value="Calle Mayor 1"' in response.content.decode()  # what was typed stays
    assert not Address.objects.exists()


def test_a_new_address_is_saved_to_the_book_and_used(filled, es_buyer):
    response = filled.post("/en/checkout/", NEW_ADDRESS)

    assert response["Location"] == "/en/checkout/review/"
    address = Address.objects.get(user=es_buyer)
    assert (address.postal_code, address.phone) == ("28013", "+34612345678")
    assert "Calle Mayor 1" in text(filled.get("/en/checkout/review/"))


def test_another_buyers_address_cannot_be_chosen(filled, other_buyer):
    theirs = make_address(other_buyer, country="FR")
    response = filled.post("/en/checkout/", {"use_address": "1", "address": theirs.public_id})
    assert response.status_code == 422
    assert filled.get("/en/checkout/review/")["Location"] == "/en/checkout/"


def test_review_shows_each_seller_with_its_rate_and_the_total_in_euros(filled, es_buyer):
    make_address(es_buyer)

    page = text(review(filled))

    assert "Order from Shenzhen Gadgets" in page and "Order from Seoul Beauty" in page
    assert "Standard · DHL Express · €1.92 · arrives" in page
    assert "Exchange rate: 1 CNY = 0.128205128205 EUR." in page
    assert "Seller's prices: items CN¥68.00, shipping CN¥15.00." in page
    assert "Exchange rate: 1 KRW = 0.000689655172414 EUR." in page
    assert "Seller's prices: items ₩30,000, shipping ₩0." in page
    # Both parcels are imported into Spain (IOSS): 21 % VAT on items + shipping and the €3 duty.
    # CNY: 8.72 + 1.92 = 10.64 → VAT 2.23; KRW: 20.69 → VAT 4.34. 31.33 + 2.23 + 4.34 + 2 × 3.
    assert "VAT (Spain, 21 %) €2.23" in page and "VAT (Spain, 21 %) €4.34" in page
    assert "EU customs duty (1 × €3.00) €3.00" in page
    assert "To pay €43.90" in page


def test_a_coupon_is_applied_and_removed(filled, es_buyer):
    make_address(es_buyer)
    make_coupon(code="WELCOME10", percent_bps=1000)
    review(filled)

    response = filled.post("/en/checkout/coupons/", {"code": "welcome10"}, follow=True)

    page = text(response)
    assert "Coupon WELCOME10 −€0.87" in page and "Coupon WELCOME10 −€2.07" in page
    # VAT after the discounts: 21 % × 9.77 = 2.05 and 21 % × 18.62 = 3.91, plus 2 × €3 duty.
    assert "Discounts −€2.94" in page and "To pay €40.35" in page
    response = filled.post("/en/checkout/coupons/remove/", {"code": "WELCOME10"}, follow=True)
    assert "To pay €43.90" in text(response) and "Discounts" not in text(response)


@pytest.mark.parametrize(
    ("coupon", "code", "message"),
    [
        (None, "NOPE", "There is no coupon “NOPE”."),
        (None, "", "This field is required."),
        ({"code": "OLD", "is_active": False}, "OLD", "The coupon “OLD” is not valid now."),
        ({"code": "THEIRS", "store": "other"}, "THEIRS", "does not apply to anything in your cart"),
        ({"code": "BIG", "min_spend_minor": 100_000}, "BIG", "needs a minimum spend of"),
    ],
)
def test_a_coupon_that_cannot_be_used_is_a_form_error(filled, es_buyer, coupon, code, message):
    make_address(es_buyer)
    if coupon:
        if coupon.get("store") == "other":
            coupon["store"] = make_seller_store(country="JP", currency="JPY")
        make_coupon(**coupon)
    review(filled)

    response = filled.post("/en/checkout/coupons/", {"code": code})

    assert response.status_code == 422
    assert message in text(response)
    assert "To pay €43.90" in text(response)
    assert filled.session["checkout"].get("coupons", []) == []


def test_placing_makes_one_order_per_seller_and_shows_them(filled, es_buyer, shop):
    make_address(es_buyer)

    response = filled.post("/en/checkout/place/", place_form(review(filled)))

    checkout = Checkout.objects.get()
    assert response["Location"] == f"/en/checkout/{checkout.public_id}/pay/"
    assert (checkout.currency, checkout.total_minor) == ("EUR", 4390)
    assert set(Order.objects.values_list("store__name", flat=True)) == {
        "Shenzhen Gadgets",
        "Seoul Beauty",
    }
    page = text(filled.get(response["Location"]))
    assert "Awaiting payment" in page and "Pay €43.90 by" in page
    assert page.count("Order ") >= 2 and "Shenzhen Gadgets" in page and "Seoul Beauty" in page
    assert "Your cart is empty." in text(filled.get("/en/cart/"))
    assert Variant.objects.get(pk=shop.cream.pk).stock == 6


def test_a_double_submitted_place_form_places_one_checkout(filled, es_buyer):
    make_address(es_buyer)
    form = place_form(review(filled))

    first = filled.post("/en/checkout/place/", form)
    second = filled.post("/en/checkout/place/", form)

    assert first["Location"] == second["Location"]
    assert Checkout.objects.count() == 1 and Order.objects.count() == 2
    assert Reservation.objects.count() == 2


def test_a_total_changed_since_the_review_asks_to_review_again(filled, es_buyer, shop):
    make_address(es_buyer)
    form = place_form(review(filled))
    set_flat_rate(shop.cn, rate_minor=2500)

    response = filled.post("/en/checkout/place/", form, follow=True)

    assert response.redirect_chain[-1][0] == "/en/checkout/review/"
    assert "The total changed since you reviewed your order. Review it again." in text(response)
    assert not Checkout.objects.exists() and not Reservation.objects.exists()


def test_a_changed_price_refuses_checkout_until_the_buyer_accepts_it(filled, es_buyer, shop):
    make_address(es_buyer)
    form = place_form(review(filled))
    Variant.objects.filter(pk=shop.phone.pk).update(price_minor=7000)

    response = filled.post("/en/checkout/place/", form, follow=True)

    assert response.redirect_chain[-1][0] == "/en/cart/"
    page = text(response)
    assert "Some items in your cart changed. Check your cart before you order." in page
    assert "Price changed from €8.72 to €8.97." in page
    assert not Checkout.objects.exists() and not Reservation.objects.exists()
    assert "Place order" not in text(filled.get("/en/checkout/review/"))


def test_another_buyers_checkout_is_not_found(filled, es_buyer, other_buyer):
    make_address(es_buyer)
    filled.post("/en/checkout/place/", place_form(review(filled)))
    checkout = Checkout.objects.get()
    intruder = Client()
    intruder.force_login(other_buyer)

    assert intruder.get(f"/en/checkout/{checkout.public_id}/").status_code == 404
    assert intruder.get("/en/checkout/not-a-real-id/").status_code == 404


def test_a_business_vat_number_means_reverse_charge_and_a_bad_one_is_a_form_error(filled, es_buyer):
    make_address(es_buyer)
    review(filled)

    bad = filled.post("/en/checkout/vat-number/", {"vat_number": "ESB12345670"})

    assert bad.status_code == 422
    assert "To pay €43.90" in text(bad)  # nothing changed
    good = filled.post("/en/checkout/vat-number/", {"vat_number": "ESB12345674"}, follow=True)
    page = text(good)
    assert "VAT (Spain" not in page and "To pay €31.33" in page  # no import VAT collected
    assert "reverse charge" in page.lower()
    filled.post("/en/checkout/place/", place_form(good))
    checkout = Checkout.objects.get()
    assert checkout.buyer_vat_number == "ESB12345674" and checkout.tax_minor == 0
