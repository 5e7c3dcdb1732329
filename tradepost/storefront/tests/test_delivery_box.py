"""The product page's delivery box and the add-to-cart refusal for a destination the seller does
not ship to."""

import pytest

from tradepost.restrictions.models import CountryPolicy
from tradepost.shipping.models import Pricing, ServiceLevel
from tradepost.shipping.testing import template
from tradepost.storefront.tests.buying import text as visible_text
from tradepost.web.preferences import SHIP_TO_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipping(shop):
    """The CNY store ships to the EU for 40.00 CNY (free from 500.00), not to Brazil."""
    return template(shop.cn, zones=[
        {"groups": ["EU"], "service": ServiceLevel.STANDARD, "carrier": "yunexpress",
         "pricing": Pricing.FLAT, "first_minor": 4000, "free_over_minor": 50000,
         "processing_days": 2, "transit_days_min": 7, "transit_days_max": 12},
    ])  # fmt: skip


def box(client, product, country=None, **cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    url = f"/en/pdel/{product.public_id}/"
    if country is None:
        return client.get(url)
    return client.post(url, {"country": country})


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_box_shows_price_in_the_visitors_currency_and_the_arrival_range(
    client, shop, shipping, clock
):
    client.cookies["tp_currency"] = "EUR"
    response = box(client, shop.phone_product, **{SHIP_TO_COOKIE: "FR"})

    assert response.status_code == 200
    page = text(response)
    # 40.00 CNY at 7.8 = €5.13; the test clock's day + 9 and + 14 business days
    assert "Standard · YunExpress" in page and "€5.13" in page
    assert "arrives" in page and "Ships from China" in page


def test_switching_country_answers_for_it_and_remembers_it(client, shop, shipping, es_buyer):
    client.force_login(es_buyer)
    response = box(client, shop.phone_product, "BR")

    assert "The seller does not ship this item to Brazil." in text(response)
    assert response.cookies[SHIP_TO_COOKIE].value == "BR"
    es_buyer.refresh_from_db()
    assert es_buyer.ship_to_country.code == "BR"


def test_an_unavailable_country_shows_the_notice(client, shop, shipping, clock):
    CountryPolicy.objects.create(
        country="IN", buy_enabled=False, reason="Blocking order.", legal_ref="IT Act s. 69A",
        effective_from=clock.now(), created_at=clock.now(),
    )  # fmt: skip

    page = text(box(client, shop.phone_product, "IN"))

    assert "not available for delivery to India" in page


def test_bad_country_and_unknown_product(client, shop, shipping):
    assert box(client, shop.phone_product, "XX").status_code == 200  # ignored: the current one
    assert client.get("/en/pdel/nope/").status_code == 404


def test_adding_an_item_that_does_not_ship_there_is_refused(client, shop, shipping):
    client.cookies[SHIP_TO_COOKIE] = "BR"
    response = client.post(
        "/en/cart/add/", {"variant": shop.phone.public_id, "quantity": "1"}, HTTP_HX_REQUEST="true"
    )

    assert "This item cannot be shipped to Brazil." in text(response)
    client.cookies[SHIP_TO_COOKIE] = "FR"
    client.post("/en/cart/add/", {"variant": shop.phone.public_id, "quantity": "1"})
    assert "1" in text(client.get("/en/cart/count/"))


def test_the_box_costs_a_fixed_number_of_queries(
    client, shop, shipping, django_assert_max_num_queries
):
    box(client, shop.phone_product, **{SHIP_TO_COOKIE: "FR"})
    with django_assert_max_num_queries(14):
        assert box(client, shop.phone_product).status_code == 200


def test_the_cart_shows_each_parcels_delivery_range_and_import_tax_for_the_ship_to(
    client, shop, shipping
):
    client.cookies[SHIP_TO_COOKIE] = "FR"
    client.cookies["tp_currency"] = "EUR"
    client.post("/en/cart/add/", {"variant": shop.phone.public_id, "quantity": "1"})

    page = visible_text(client.get("/en/cart/"))

    # 68.00 CNY = €8.72, shipping 40.00 CNY = €5.13; French VAT 20 % × 13.85 = €2.77 + €3 duty
    assert "Standard · YunExpress €5.13" in page and "Delivery arrives" in page
    assert "Import VAT and duties €5.77" in page
    assert "Shipping and import taxes for delivery to France." in page
