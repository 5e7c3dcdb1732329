"""The cart pages: add from the (cached) product page, change and remove lines with htmx, bad
input changes nothing, notices for changed lines, the anonymous cart follows the buyer at log-in,
and a bounded number of queries."""

import json
import re

import pytest
from django.test import Client

from tradepost.cart import services
from tradepost.cart.models import Cart, CartLine
from tradepost.catalog.models import Variant
from tradepost.catalog.testing import make_product
from tradepost.sellers.models import Seller
from tradepost.storefront.tests.buying import HX, add, quantities, set_quantity, text

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_product_page_form_adds_to_the_cart_even_from_cached_html(shop):
    url = f"/en/p/{shop.phone_product.public_id}/pocket-phone/"
    Client().get(url)  # the page is now in the page cache, rendered for someone else
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    assert 'action="/en/cart/add/"' in page and shop.phone.public_id in page
    token = CSRF_FIELD.search(page[page.index('class="add-to-cart"') :]).group(1)

    response = add(visitor, shop.phone, "2", csrfmiddlewaretoken=token)

    assert response.status_code == 302 and response["Location"] == "/en/cart/"
    assert quantities() == {"PHONE-1": 2}
    cart = text(visitor.get("/en/cart/"))
    assert "Pocket phone" in cart and "Shenzhen Gadgets" in cart


def test_adding_with_htmx_answers_a_fragment_and_tells_the_header(client, shop):
    response = add(client, shop.phone, "3", htmx=True)

    assert response.status_code == 200
    assert "Added to your cart" in text(response)
    assert json.loads(response["HX-Trigger"]) == {"cart-changed": {"units": 3}}
    add(client, shop.phone, "1", htmx=True)
    assert quantities() == {"PHONE-1": 4}  # adds to what the cart holds
    badge = client.get("/en/cart/count/")
    assert 'data-testid="cart-count" aria-hidden="true">4<' in badge.content.decode()
    assert "4 items in your cart" in text(badge)


def test_lines_are_grouped_by_seller_with_totals_in_the_display_currency(client, shop):
    client.cookies["tp_currency"] = "EUR"
    add(client, shop.phone, "1")
    add(client, shop.cream, "2")

    page = text(client.get("/en/cart/"))

    # 68.00 CNY at 7.8 CNY/EUR = 8.72 EUR; 2 × 15,000 KRW at 1450 KRW/EUR = 20.69 EUR;
    # shipping 15.00 CNY = 1.92 EUR (the KRW store ships free).
    assert page.index("Shenzhen Gadgets") < page.index("Pocket phone") < page.index("Seoul Beauty")
    assert "Pocket phone €8.72 each" in page and "Seller total €10.64" in page
    assert "Snail cream €10.34 each" in page and "Seller total €20.69" in page
    assert "Shipping €1.92 Total €31.33" in page


def test_the_unit_price_follows_the_quantity_into_the_wholesale_tier(client, shop):
    client.cookies["tp_currency"] = "CNY"
    add(client, shop.phone, "1")

    response = set_quantity(client, shop.phone, "10")

    page = text(response)
    assert response.status_code == 200 and "Quantity updated" in page
    assert "CN¥60.00 each" in page and "Wholesale price from 10 pieces" in page
    assert "CN¥600.00" in page
    assert json.loads(response["HX-Trigger"])["cart-changed"] == {"units": 10}
    assert "Wholesale" not in text(set_quantity(client, shop.phone, "9"))


def test_removing_a_line_with_htmx(client, shop):
    add(client, shop.phone, "1")
    add(client, shop.cream, "2")

    response = client.post(f"/en/cart/lines/{shop.phone.public_id}/remove/", headers=HX)

    assert response.status_code == 200
    assert "Pocket phone" not in text(response) and "Snail cream" in text(response)
    assert quantities() == {"CREAM-1": 2}
    assert json.loads(response["HX-Trigger"])["cart-changed"] == {"units": 2}


def test_without_javascript_a_change_redirects_back_to_the_cart(client, shop):
    add(client, shop.phone, "1")

    response = set_quantity(client, shop.phone, "4", htmx=False)

    assert response.status_code == 302 and response["Location"] == "/en/cart/"
    assert quantities() == {"PHONE-1": 4}


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Enter a whole number of items of at least 1."),
        ("-3", "Enter a whole number of items of at least 1."),
        ("two", "Enter a whole number of items of at least 1."),
        ("", "Enter a whole number of items of at least 1."),
        ("21", "Not enough stock: 20 left."),
    ],
)
def test_a_bad_quantity_is_explained_and_changes_nothing(client, shop, quantity, message):
    add(client, shop.phone, "2")

    response = set_quantity(client, shop.phone, quantity)

    assert response.status_code == 200
    assert message in text(response)
    assert 'role="alert" data-testid="line-error"' in response.content.decode()
    assert quantities() == {"PHONE-1": 2}
    page = set_quantity(client, shop.phone, quantity, htmx=False)
    assert page.status_code in (409, 422) and message in text(page)
    assert quantities() == {"PHONE-1": 2}


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("1", "The seller sells this item from 2 pieces."),
        ("3", "This item is sold in lots of 2: choose a multiple of 2."),
        ("10", "Not enough stock: 8 left."),
        ("-2", "Enter a whole number of items of at least 1."),
    ],
)
def test_adding_against_the_quantity_rules_is_refused(client, shop, quantity, message):
    response = add(client, shop.cream, quantity, htmx=True)

    assert message in text(response)
    assert 'role="alert"' in response.content.decode()
    assert "HX-Trigger" not in response
    assert not CartLine.objects.exists()


def test_an_unknown_variant_is_refused_with_a_message(client, shop):
    response = add(client, "no-such-variant", "1", htmx=True)
    assert "Variant not found." in text(response)

    response = add(client, "no-such-variant", "1", next="/en/cart/", follow=False)
    assert response.status_code == 302
    assert "Variant not found." in text(client.get(response["Location"]))
    assert not CartLine.objects.exists()


def test_another_visitors_line_cannot_be_changed_or_removed(client, shop):
    add(client, shop.phone, "2")
    intruder = Client()
    add(intruder, shop.cream, "2")

    changed = set_quantity(intruder, shop.phone, "5")
    intruder.post(f"/en/cart/lines/{shop.phone.public_id}/remove/", headers=HX)

    assert "That item is not in your cart." in text(changed)
    assert quantities() == {"PHONE-1": 2, "CREAM-1": 2}


def test_a_changed_price_is_shown_and_accepted(client, shop):
    client.cookies["tp_currency"] = "CNY"
    add(client, shop.phone, "1")
    Variant.objects.filter(pk=shop.phone.pk).update(price_minor=7200)

    page = text(client.get("/en/cart/"))
    assert "Price changed from CN¥68.00 to CN¥72.00." in page
    assert "Check out" not in page

    response = client.post("/en/cart/accept-prices/", headers=HX)

    assert "Price changed" not in text(response) and "CN¥72.00" in text(response)
    assert CartLine.objects.get().seen_unit_price_minor == 7200


def test_out_of_stock_and_suspended_seller_lines_say_so(client, shop):
    add(client, shop.phone, "1")
    add(client, shop.cream, "2")
    Variant.objects.filter(pk=shop.phone.pk).update(stock=0)
    Seller.objects.filter(pk=shop.kr.seller_id).update(status="suspended")

    page = text(client.get("/en/cart/"))

    assert "Out of stock. Remove this item to check out." in page
    assert "The seller is not selling at the moment." in page


def test_the_anonymous_cart_joins_the_account_cart_at_log_in(client, shop, es_buyer, clock):
    mine = services.cart_for(user=es_buyer, create=True, now=clock.now())
    services.add_to_cart(
        ship_to="FR", cart=mine, variant=shop.phone.public_id, quantity=1, now=clock.now()
    )
    add(client, shop.phone, "3")
    add(client, shop.cream, "2")

    response = client.post(
        "/en/accounts/login/", {"login": es_buyer.email, "password": "correct-horse-battery-staple"}
    )

    assert response.status_code == 302
    assert quantities(es_buyer) == {"PHONE-1": 3, "CREAM-1": 2}  # the larger quantity kept
    assert Cart.objects.count() == 1
    assert "cart_token" not in client.session
    assert "Snail cream" in text(client.get("/en/cart/"))


def test_an_empty_cart_page(client):
    page = text(client.get("/en/cart/"))
    assert "Your cart is empty." in page
    assert client.get("/en/cart/count/").content.decode().count(">0<") == 1


def test_cart_page_query_count_does_not_grow_with_its_lines(
    client, shop, phones, django_assert_max_num_queries
):
    for number in range(6):
        product = make_product(
            store=shop.cn if number % 2 else shop.kr, category=phones,
            variants=[{"price_minor": 1000 + number, "stock": 9}],
        )  # fmt: skip
        add(client, product.variants.get(), "1")
    client.get("/en/cart/")  # warm the rate cache

    with django_assert_max_num_queries(
        13
    ):  # session, cart, lines (3), deals, 1 rate per currency, catalog version + restrictions,
        # shipping templates + zones
        response = client.get("/en/cart/")
    assert response.content.decode().count('data-testid="cart-line"') == 6


def test_a_display_currency_without_a_rate_shows_the_cart_in_euros(client, shop):
    client.cookies["tp_currency"] = "UAH"  # offered in the chooser; the ECB has no UAH rate
    add(client, shop.phone, "1")

    response = client.get("/en/cart/")

    assert response.status_code == 200
    assert "Pocket phone" in text(response) and "€" in text(response)
