"""The cart and checkout API: add, quote, place; bad input reserves nothing; tenancy; scopes."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from tradepost.accounts.models import Address
from tradepost.api.testing import bearer, error_of, send
from tradepost.cart.models import Cart, CartLine, Checkout
from tradepost.catalog.models import Variant
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.inventory.models import Reservation
from tradepost.money.models import ExchangeRate
from tradepost.orders.models import Order
from tradepost.promotions.testing import make_coupon
from tradepost.shipping.testing import flat_rate as set_flat_rate

pytestmark = pytest.mark.django_db

CART = "/api/v1/cart"
LINES = "/api/v1/cart/lines"
QUOTE = "/api/v1/checkout/quote"
CHECKOUTS = "/api/v1/checkouts"


def add_rates(**rates: str) -> None:
    for quote, rate in rates.items():
        ExchangeRate.objects.create(
            quote=quote,
            rate=Decimal(rate),
            rate_date=dt.date(2026, 11, 24),
            imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
        )


def make_address(user, country: str = "ES") -> Address:
    return Address.objects.create(
        user=user, full_name="Lucía García", line1="Calle Mayor 1", city="Madrid",
        postal_code="28013", country=country, phone="+34612345678", is_default=True,
    )  # fmt: skip


@pytest.fixture
def shop(clock):
    """Two sellers: a CNY store (flat shipping 5.00 CNY) and a EUR store selling from 2 units."""
    add_rates(CNY="7.5", BRL="6")
    category = make_category()
    cn = make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")
    de = make_seller_store(country="DE", currency="EUR", name="Berlin Tools")
    set_flat_rate(cn, rate_minor=500)
    phone = make_product(
        store=cn, category=category, titles={"en": "Pocket phone"},
        variants=[{"price_minor": 1000, "stock": 5, "sku": "PHONE-RED"}],
    )  # fmt: skip
    drill = make_product(
        store=de, category=category, titles={"en": "Drill"}, min_order_quantity=2,
        variants=[{"price_minor": 1500, "stock": 8, "sku": "DRILL-1"}],
    )  # fmt: skip
    return {
        "cn": cn,
        "de": de,
        "phone": phone.variants.get(),
        "drill": drill.variants.get(),
    }


@pytest.fixture
def headers(buyer, clock):
    return bearer(buyer, "orders:read", "orders:write")


@pytest.fixture
def address(buyer):
    return make_address(buyer)


def add(client, headers, variant, quantity, query: str = ""):
    body = {"variant": variant, "quantity": quantity}
    return send(client, "post", LINES + query, body, **headers)


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


def assert_nothing_placed(shop) -> None:
    assert Checkout.objects.count() == 0
    assert Order.objects.count() == 0
    assert Reservation.objects.count() == 0
    assert (stock(shop["phone"]), stock(shop["drill"])) == (5, 8)


# --- the whole flow ----------------------------------------------------------------------------


def test_add_quote_place_and_read_the_checkout(client, shop, headers, address):
    # given: 2 phones (CNY) and 2 drills (EUR) in the cart
    phone, drill = shop["phone"].public_id, shop["drill"].public_id
    assert add(client, headers, phone, 2).status_code == 201
    response = add(client, headers, drill, 2, "?currency=EUR")
    assert response.status_code == 201
    cart = response.json()
    assert [group["store"]["name"] for group in cart["groups"]] == [
        "Shenzhen Gadgets",
        "Berlin Tools",
    ]

    # when: the buyer reviews in EUR
    review = send(
        client, "post", QUOTE, {"address": address.public_id, "currency": "EUR"}, **headers
    )

    # then: 20.00 CNY / 7.5 = 2.67 EUR, shipping 5.00 CNY = 0.67 EUR, drills 30.00 EUR
    assert review.status_code == 200, review.content
    body = review.json()
    cn_group, de_group = body["groups"]
    assert cn_group["items"] == {"minor": 267, "currency": "EUR"}
    assert cn_group["shipping"] == {"minor": 67, "currency": "EUR"}
    assert cn_group["rate"] == "0.133333333333"
    assert cn_group["rate_date"] == "2026-11-24"
    assert cn_group["lines"][0]["unit_price"] == {"minor": 1000, "currency": "CNY"}
    # The CNY parcel is imported into Spain under IOSS: 21 % VAT on items + shipping (3.34 →
    # 0.70) and the €3 duty for its one tariff subheading; the German parcel stays in the EU.
    assert cn_group["tax"] == {"minor": 370, "currency": "EUR"}
    assert cn_group["import_tax"]["regime"] == "eu_ioss"
    assert [line["amount"]["minor"] for line in cn_group["import_tax"]["lines"]] == [70, 300]
    assert de_group["total"] == {"minor": 3000, "currency": "EUR"}
    assert de_group["import_tax"]["collected"] is False
    assert de_group["rate"] is None
    assert body["total"] == {"minor": 3704, "currency": "EUR"}
    assert body["shipping_address"]["city"] == "Madrid"

    # when: placing with the reviewed total
    placed = send(
        client, "post", CHECKOUTS,
        {"address": address.public_id, "currency": "EUR", "expected_total_minor": 3704},
        **headers, **{"Idempotency-Key": "place-1"},
    )  # fmt: skip

    # then: one checkout, one order per seller, stock reserved, the cart emptied
    assert placed.status_code == 201, placed.content
    checkout = placed.json()
    assert checkout["total"] == {"minor": 3704, "currency": "EUR"}
    assert sorted(order["total"]["minor"] for order in checkout["orders"]) == [704, 3000]
    assert {order["status"] for order in checkout["orders"]} == {"awaiting_payment"}
    assert (stock(shop["phone"]), stock(shop["drill"])) == (3, 6)
    assert Checkout.objects.get().request_key == "place-1"
    assert send(client, "get", CART, **headers).json()["groups"] == []

    again = send(client, "get", f"{CHECKOUTS}/{checkout['public_id']}", **headers)
    assert again.status_code == 200
    assert again.json()["public_id"] == checkout["public_id"]


def test_cart_totals_default_to_the_buyers_display_currency(client, shop, headers):
    add(client, headers, shop["phone"].public_id, 1)

    body = send(client, "get", CART, **headers).json()

    # 10.00 CNY at 6 / 7.5 = 8.00 BRL (the buyer's display currency)
    assert body["currency"] == "BRL"
    assert body["items"] == {"minor": 800, "currency": "BRL"}
    assert body["unit_count"] == 1


def test_change_quantity_and_remove_a_line(client, shop, headers):
    variant = shop["phone"].public_id
    add(client, headers, variant, 1)

    changed = send(client, "patch", f"{LINES}/{variant}", {"quantity": 4}, **headers)
    removed = send(client, "delete", f"{LINES}/{variant}", **headers)

    assert changed.status_code == 200
    assert changed.json()["groups"][0]["lines"][0]["quantity"] == 4
    assert removed.status_code == 204
    assert not CartLine.objects.exists()


def test_price_change_shows_as_a_problem_until_accepted(client, shop, headers, address):
    variant = shop["phone"]
    add(client, headers, variant.public_id, 1)
    Variant.objects.filter(pk=variant.pk).update(price_minor=1200)

    before = send(client, "get", CART, **headers).json()
    refused = send(client, "post", CHECKOUTS, {"address": address.public_id}, **headers)
    accepted = send(client, "post", "/api/v1/cart/accept-prices", **headers)

    assert before["groups"][0]["lines"][0]["problems"] == ["price_changed"]
    assert before["has_problems"] is True
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "cart_needs_attention"
    assert accepted.json()["has_problems"] is False
    assert Checkout.objects.count() == 0


def test_repeat_with_the_same_key_returns_the_first_checkout(client, shop, headers, address):
    add(client, headers, shop["phone"].public_id, 1)
    payload = {"address": address.public_id, "currency": "EUR"}

    first = send(client, "post", CHECKOUTS, payload, **headers, **{"Idempotency-Key": "k-1"})
    second = send(client, "post", CHECKOUTS, payload, **headers, **{"Idempotency-Key": "k-1"})

    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second["Idempotent-Replayed"] == "true"
    assert Checkout.objects.count() == 1
    assert stock(shop["phone"]) == 4


def test_without_a_key_each_checkout_gets_its_own_request_key(client, shop, headers, address):
    add(client, headers, shop["phone"].public_id, 1)

    placed = send(client, "post", CHECKOUTS, {"address": address.public_id}, **headers)

    assert placed.status_code == 201
    assert len(Checkout.objects.get().request_key) >= 20


# --- bad input: a stable code and nothing reserved ----------------------------------------------


@pytest.mark.parametrize(
    ("variant", "quantity", "status", "code"),
    [
        ("phone", 0, 422, "invalid_quantity"),
        ("phone", -3, 422, "invalid_quantity"),
        ("phone", "abc", 422, "invalid_input"),
        ("phone", 6, 409, "not_enough_stock"),
        ("drill", 1, 422, "below_minimum_order"),
        ("nope", 1, 404, "variant_not_found"),
    ],
)
def test_bad_lines_are_refused(client, shop, headers, variant, quantity, status, code):
    public_id = shop[variant].public_id if variant in shop else "a" * 24

    response = add(client, headers, public_id, quantity)

    assert response.status_code == status, response.content
    assert error_of(response)["code"] == code
    assert not CartLine.objects.exists()
    assert_nothing_placed(shop)


def test_unknown_fields_are_refused(client, shop, headers):
    response = send(
        client, "post", LINES,
        {"variant": shop["phone"].public_id, "quantity": 1, "unit_price_minor": 1},
        **headers,
    )  # fmt: skip

    assert response.status_code == 422
    assert "unit_price_minor" in error_of(response)["fields"]
    assert not CartLine.objects.exists()


def test_changing_a_line_not_in_the_cart_is_not_found(client, shop, headers):
    response = send(
        client, "patch", f"{LINES}/{shop['phone'].public_id}", {"quantity": 2}, **headers
    )

    assert response.status_code == 404
    assert error_of(response)["code"] == "cart_line_not_found"


@pytest.fixture
def coupons(shop, clock):
    make_coupon(code="OLD10", percent_bps=1000, ends_at=clock.now() - dt.timedelta(days=1),
                starts_at=clock.now() - dt.timedelta(days=9))  # fmt: skip
    other = make_seller_store(country="FR", currency="EUR", name="Paris Shop")
    make_coupon(code="PARIS5", store=other, amount_minor=500)


@pytest.mark.parametrize(
    ("coupon", "status", "code"),
    [
        ("NOSUCH", 404, "coupon_not_found"),
        ("OLD10", 422, "coupon_expired"),
        ("PARIS5", 422, "coupon_not_applicable"),
    ],
)
def test_bad_coupons_refuse_quote_and_place(
    client, shop, headers, address, coupons, coupon, status, code
):
    add(client, headers, shop["phone"].public_id, 1)
    payload = {"address": address.public_id, "currency": "EUR", "coupons": [coupon]}

    review = send(client, "post", QUOTE, payload, **headers)
    placed = send(client, "post", CHECKOUTS, payload, **headers, **{"Idempotency-Key": "c-1"})

    assert (review.status_code, placed.status_code) == (status, status)
    assert error_of(review)["code"] == error_of(placed)["code"] == code
    assert Checkout.objects.count() == 0
    assert Reservation.objects.count() == 0
    assert stock(shop["phone"]) == 5
    assert CartLine.objects.count() == 1


def test_unknown_or_another_buyers_address_is_not_found(client, shop, headers, other_buyer):
    add(client, headers, shop["phone"].public_id, 1)
    theirs = make_address(other_buyer)

    for address in ("x" * 24, theirs.public_id):
        review = send(client, "post", QUOTE, {"address": address}, **headers)
        placed = send(client, "post", CHECKOUTS, {"address": address}, **headers)
        assert (review.status_code, placed.status_code) == (404, 404)
        assert error_of(review)["code"] == error_of(placed)["code"] == "address_not_found"

    assert Checkout.objects.count() == 0
    assert stock(shop["phone"]) == 5


def test_a_changed_total_refuses_to_place(client, shop, headers, address):
    add(client, headers, shop["phone"].public_id, 1)
    payload = {"address": address.public_id, "currency": "EUR", "expected_total_minor": 1}

    response = send(client, "post", CHECKOUTS, payload, **headers)

    assert response.status_code == 409
    assert error_of(response)["code"] == "checkout_total_changed"
    assert Checkout.objects.count() == 0
    assert stock(shop["phone"]) == 5


def test_an_empty_cart_cannot_be_placed(client, shop, headers, address):
    response = send(client, "post", CHECKOUTS, {"address": address.public_id}, **headers)

    assert response.status_code == 409
    assert error_of(response)["code"] == "cart_empty"


def test_an_unknown_currency_is_refused(client, shop, headers):
    response = send(client, "get", CART + "?currency=XYZ", **headers)

    assert response.status_code == 422
    assert error_of(response)["code"] == "unknown_currency"


# --- tenancy and scopes ------------------------------------------------------------------------


def test_another_buyers_checkout_is_not_found(client, shop, headers, address, other_buyer):
    add(client, headers, shop["phone"].public_id, 1)
    placed = send(client, "post", CHECKOUTS, {"address": address.public_id}, **headers).json()
    theirs = bearer(other_buyer, "orders:read", "orders:write")

    response = send(client, "get", f"{CHECKOUTS}/{placed['public_id']}", **theirs)
    their_cart = send(client, "get", CART, **theirs).json()

    assert response.status_code == 404
    assert error_of(response)["code"] == "checkout_not_found"
    assert their_cart["groups"] == []


def test_another_buyer_cannot_change_or_remove_my_cart_lines(client, shop, headers, other_buyer):
    variant = shop["phone"].public_id
    add(client, headers, variant, 2)
    theirs = bearer(other_buyer, "orders:read", "orders:write")

    changed = send(client, "patch", f"{LINES}/{variant}", {"quantity": 5}, **theirs)
    removed = send(client, "delete", f"{LINES}/{variant}", **theirs)

    assert (changed.status_code, removed.status_code) == (404, 404)
    assert error_of(removed)["code"] == "cart_line_not_found"
    assert CartLine.objects.get().quantity == 2


def test_a_read_only_token_cannot_change_the_cart(client, shop, buyer, clock):
    reader = bearer(buyer, "orders:read")

    added = add(client, reader, shop["phone"].public_id, 1)
    read = send(client, "get", CART, **reader)

    assert added.status_code == 403
    assert error_of(added)["code"] == "insufficient_scope"
    assert read.status_code == 200
    assert not Cart.objects.exists()


def test_a_token_without_order_scopes_cannot_read_the_cart(client, shop, buyer, clock):
    response = send(client, "get", CART, **bearer(buyer, "account:read"))

    assert response.status_code == 403


def test_anonymous_callers_are_not_authenticated(shop):
    response = send(Client(), "get", CART)

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


# --- a real race: one key, many threads --------------------------------------------------------

RACERS = 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_checkouts_with_one_key_place_one(shop, buyer, headers, address):
    add(Client(), headers, shop["phone"].public_id, 2)
    payload = {"address": address.public_id, "currency": "EUR"}
    start = threading.Barrier(RACERS)
    responses = []

    def fire():
        try:
            start.wait()
            responses.append(
                send(Client(), "post", CHECKOUTS, payload, **headers, **{"Idempotency-Key": "race"})
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Checkout.objects.filter(buyer=buyer).count() == 1
    assert Order.objects.count() == 1
    assert stock(shop["phone"]) == 3
    assert Reservation.objects.get().quantity == 2
    placed = [r for r in responses if r.status_code == 201]
    in_progress = [r for r in responses if r.status_code == 409]
    assert len(placed) + len(in_progress) == RACERS
    assert len({r.json()["public_id"] for r in placed}) == 1
    assert {error_of(r)["code"] for r in in_progress} <= {"idempotency_request_in_progress"}
