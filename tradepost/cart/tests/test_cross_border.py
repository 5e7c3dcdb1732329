"""Where a parcel may go: the platform switched off for a country, a category blocked for one
country, a seller's excluded destinations — refused at the product page, the cart and the
checkout (API 451 / 409 / 422 with stable codes, nothing placed) — and the shipping option a
buyer chooses per seller."""

import datetime as dt
from decimal import Decimal

import pytest

from tradepost.accounts.models import Address, User
from tradepost.api.testing import bearer, error_of, send
from tradepost.cart.models import Checkout
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.money.models import ExchangeRate
from tradepost.orders.models import Order
from tradepost.restrictions import services as restrictions
from tradepost.shipping.models import Pricing, ServiceLevel
from tradepost.shipping.testing import template

pytestmark = pytest.mark.django_db

LINES = "/api/v1/cart/lines"
QUOTE = "/api/v1/checkout/quote"
CHECKOUTS = "/api/v1/checkouts"
SHIPPING = "/api/v1/cart/shipping"


@pytest.fixture
def staff(db):
    return User.objects.create_user(email="ops@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def market(clock):
    ExchangeRate.objects.create(
        quote="CNY", rate=Decimal("8"), rate_date=clock.now().date(), imported_at=clock.now()
    )
    knives = make_category(["kitchen", "knives"])
    lamps = make_category(["home", "lamps"])
    store = make_seller_store(country="CN", currency="CNY", name="Canton Goods")
    template(store, excluded=["RU"], zones=[
        {"groups": ["WORLD"], "service": ServiceLevel.ECONOMY, "carrier": "china-post",
         "pricing": Pricing.FLAT, "first_minor": 800, "transit_days_min": 15,
         "transit_days_max": 30},
        {"groups": ["WORLD"], "service": ServiceLevel.EXPRESS, "carrier": "dhl",
         "pricing": Pricing.FLAT, "first_minor": 8000, "transit_days_min": 3,
         "transit_days_max": 5},
    ])  # fmt: skip
    knife = make_product(store=store, category=knives, titles={"en": "Chef knife"},
                         variants=[{"price_minor": 16000, "stock": 10}])  # fmt: skip
    lamp = make_product(store=store, category=lamps, titles={"en": "Paper lamp"},
                        variants=[{"price_minor": 8000, "stock": 10}])  # fmt: skip
    return {"knife": knife, "lamp": lamp}


def buyer_in(country: str) -> tuple[User, Address]:
    user = User.objects.create_user(
        email=f"buyer-{country.lower()}@example.com", ship_to_country=country
    )
    address = Address.objects.create(
        user=user, full_name="A Buyer", line1="Main street 1", city="City",
        postal_code={"IN": "110001", "DE": "10115", "RU": "125009"}.get(country, "75004"),
        country=country, is_default=True,
    )  # fmt: skip
    return user, address


def add(client, headers, product, quantity=1):
    variant = product.variants.get().public_id
    return send(client, "post", LINES, {"variant": variant, "quantity": quantity}, **headers)


def test_checkout_to_an_unavailable_country_is_451_and_places_nothing(client, market, staff, clock):
    buyer, address_fr = buyer_in("FR")
    india = Address.objects.create(
        user=buyer, full_name="A Buyer", line1="Janpath 1", city="New Delhi",
        postal_code="110001", country="IN",
    )  # fmt: skip
    headers = bearer(buyer, "orders:read", "orders:write")
    assert add(client, headers, market["lamp"]).status_code == 201
    restrictions.set_country_availability(
        staff=staff, country="IN", available=False, reason="Blocking order.",
        legal_ref="IT Act 2000 s. 69A", now=clock.now(),
    )  # fmt: skip

    response = send(client, "post", CHECKOUTS, {"address": india.public_id}, **headers)

    assert response.status_code == 451
    assert error_of(response)["code"] == "country_unavailable"
    assert "India" in error_of(response)["message"]
    assert not Checkout.objects.exists() and not Order.objects.exists()
    # the same cart to France is fine
    placed = send(client, "post", CHECKOUTS, {"address": address_fr.public_id}, **headers)
    assert placed.status_code == 201


def test_checkout_page_to_an_unavailable_country_shows_the_refusal(client, market, staff, clock):
    buyer, _fr = buyer_in("FR")
    india = Address.objects.create(
        user=buyer, full_name="A Buyer", line1="Janpath 1", city="New Delhi",
        postal_code="110001", country="IN", is_default=False,
    )  # fmt: skip
    client.force_login(buyer)
    client.cookies["tp_ship_to"] = "FR"
    client.cookies["tp_currency"] = "EUR"
    client.post("/en/cart/add/", {"variant": market["lamp"].variants.get().public_id,
                                  "quantity": "1"})  # fmt: skip
    restrictions.set_country_availability(
        staff=staff, country="IN", available=False, reason="Blocking order.",
        legal_ref="IT Act 2000 s. 69A", now=clock.now(),
    )  # fmt: skip
    client.post("/en/checkout/", {"use_address": "1", "address": india.public_id})
    review = client.get("/en/checkout/review/")
    form = review.context["place"]

    response = client.post("/en/checkout/place/", {
        "request_key": form.initial["request_key"], "currency": form.initial["currency"],
        "expected_total_minor": form.initial["expected_total_minor"],
    }, follow=True)  # fmt: skip

    page = response.content.decode()
    assert "not available for delivery to India" in page, page[page.find("messages") :][:600]
    assert not Checkout.objects.exists()


def test_a_category_blocked_for_germany_is_refused_only_for_germany(client, market, staff, clock):
    restrictions.restrict_category(
        staff=staff, category_id=market["knife"].category.parent_id, countries=["DE"],
        legal_ref="Waffengesetz § 42a", reason="Knives may not be delivered.", now=clock.now(),
    )  # fmt: skip
    german, _de = buyer_in("DE")
    french, fr = buyer_in("FR")

    refused = add(client, bearer(german, "orders:read", "orders:write"), market["knife"])
    assert refused.status_code == 451
    assert error_of(refused)["code"] == "restricted_in_country"
    assert (
        add(client, bearer(german, "orders:read", "orders:write"), market["lamp"]).status_code
        == 201
    )

    headers = bearer(french, "orders:read", "orders:write")
    assert add(client, headers, market["knife"]).status_code == 201
    assert send(client, "post", CHECKOUTS, {"address": fr.public_id}, **headers).status_code == 201


def test_a_blocked_item_already_in_the_cart_is_refused_at_checkout(client, market, staff, clock):
    buyer, fr = buyer_in("FR")
    de = Address.objects.create(
        user=buyer, full_name="A Buyer", line1="Hauptstr. 1", city="Berlin", postal_code="10115",
        country="DE",
    )  # fmt: skip
    headers = bearer(buyer, "orders:read", "orders:write")
    assert add(client, headers, market["knife"]).status_code == 201
    restrictions.restrict_listing(
        staff=staff, product_public_id=market["knife"].public_id, countries=["DE"],
        legal_ref="Waffengesetz § 42a", reason="Knives may not be delivered.", now=clock.now(),
    )  # fmt: skip

    quote = send(client, "post", QUOTE, {"address": de.public_id}, **headers).json()
    assert quote["groups"][0]["lines"][0]["problems"] == ["restricted_in_country"]
    response = send(client, "post", CHECKOUTS, {"address": de.public_id}, **headers)

    assert response.status_code == 451
    assert error_of(response)["code"] == "restricted_in_country"
    assert not Checkout.objects.exists()


def test_a_sellers_excluded_destination_is_refused_at_cart_and_checkout(client, market):
    russian, ru = buyer_in("RU")
    headers = bearer(russian, "orders:read", "orders:write")

    refused = add(client, headers, market["lamp"])

    assert refused.status_code == 422
    assert error_of(refused)["code"] == "does_not_ship_here"
    # added while shipping to France, then checked out to a Russian address
    Address.objects.filter(user=russian).update(country="FR")
    User.objects.filter(pk=russian.pk).update(ship_to_country="FR")
    assert add(client, headers, market["lamp"]).status_code == 201
    Address.objects.filter(user=russian).update(country="RU")
    quote = send(client, "post", QUOTE, {"address": ru.public_id}, **headers).json()
    assert quote["groups"][0]["shipping_option"] is None
    assert quote["groups"][0]["lines"][0]["problems"] == ["does_not_ship_here"]
    placed = send(client, "post", CHECKOUTS, {"address": ru.public_id}, **headers)
    assert placed.status_code == 409
    assert error_of(placed)["code"] == "cart_needs_attention"
    assert not Checkout.objects.exists()


def test_the_buyer_chooses_express_and_the_order_keeps_it(client, market, clock):
    buyer, fr = buyer_in("FR")
    headers = bearer(buyer, "orders:read", "orders:write")
    add(client, headers, market["lamp"])
    store = market["lamp"].store.public_id

    default = send(client, "post", QUOTE, {"address": fr.public_id}, **headers).json()
    assert default["groups"][0]["shipping_option"]["code"] == "economy"  # the cheapest
    assert [o["code"] for o in default["groups"][0]["shipping_options"]] == ["economy", "express"]
    chosen = send(client, "post", SHIPPING, {"store": store, "option": "express"}, **headers)
    assert chosen.status_code == 200, chosen.content
    placed = send(client, "post", CHECKOUTS, {"address": fr.public_id}, **headers)

    order = Order.objects.get(checkout__public_id=placed.json()["public_id"])
    # 80.00 CNY at 8 = €10.00; 3–5 business days after 3 processing days
    assert (order.shipping_option, order.planned_carrier, order.shipping_minor) == (
        "express",
        "dhl",
        1000,
    )
    today = clock.now().date()
    assert order.promised_from > today + dt.timedelta(days=5)
    assert order.promised_to >= order.promised_from


def test_choosing_an_unknown_option_or_store_changes_nothing(client, market):
    buyer, _fr = buyer_in("FR")
    headers = bearer(buyer, "orders:read", "orders:write")
    add(client, headers, market["lamp"])
    store = market["lamp"].store.public_id

    bad = send(client, "post", SHIPPING, {"store": store, "option": "teleport"}, **headers)
    assert (bad.status_code, error_of(bad)["code"]) == (422, "unknown_shipping_option")
    other = send(client, "post", SHIPPING, {"store": "nope", "option": "express"}, **headers)
    assert other.status_code == 404
    from tradepost.cart.models import Cart

    assert Cart.objects.get(user=buyer).shipping_choices == {}
