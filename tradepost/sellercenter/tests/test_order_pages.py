"""Seller center order pages: orders to ship, filter and search, detail, ship, cancel with a reason;
another store's order is a 404 and nothing changes; list queries do not grow with the orders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradepost.accounts.models import Address
from tradepost.cart import services as cart_services
from tradepost.catalog.models import Variant
from tradepost.catalog.testing import make_product
from tradepost.money.models import ExchangeRate
from tradepost.orders.models import Order, OrderEvent
from tradepost.orders.states import OrderStatus
from tradepost.orders.testing import mark_paid

pytestmark = pytest.mark.django_db

LIST = "/en/seller/orders/"


@pytest.fixture
def variant(store, category):
    product = make_product(
        store=store, category=category, titles={"en": "Linen shirt"},
        variants=[{"sku": "SHIRT-L", "price_minor": 2000, "stock": 40}],
    )  # fmt: skip
    return product.variants.get()


@pytest.fixture
def place(buyer, variant, clock):
    """`place(quantity)`: the buyer checks out that many shirts, paying in GBP."""
    ExchangeRate.objects.create(
        quote="GBP", rate=Decimal("0.85"), rate_date=dt.date(2026, 11, 24),
        imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
    )  # fmt: skip
    address = Address.objects.create(
        user=buyer, full_name="Oliver Smith", line1="1 High Street", city="London",
        postal_code="SW1A 1AA", country="GB", phone="+442079460958",
    )  # fmt: skip
    keys = iter(range(1000))

    def place_(quantity: int = 1) -> Order:
        cart = cart_services.cart_for(user=buyer, create=True, now=clock.now())
        cart_services.add_to_cart(
            ship_to="FR", cart=cart, variant=variant.public_id, quantity=quantity, now=clock.now()
        )
        checkout = cart_services.place_checkout(
            buyer=buyer, cart=cart, address_id=address.public_id, currency="GBP",
            language="en", request_key=f"k{next(keys)}", now=clock.now(),
        )  # fmt: skip
        return checkout.orders.get()

    return place_


@pytest.fixture
def paid_order(place, clock):
    order = place(2)
    mark_paid(checkout=order.checkout, now=clock.now())
    return order


@pytest.fixture
def rival_client(other_store):
    client = Client()
    client.force_login(other_store.seller.user)
    return client


def rows(response) -> list[str]:
    return [row.order.public_id for row in response.context["rows"]]


def status_of(order) -> str:
    return Order.objects.get(pk=order.pk).status


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


# --- the list ----------------------------------------------------------------------------------


def test_lists_orders_to_ship_by_default(seller_client, place, paid_order):
    unpaid = place(1)

    default = seller_client.get(LIST)
    everything = seller_client.get(LIST, {"status": "all"})
    waiting = seller_client.get(LIST, {"status": "awaiting_payment"})

    assert default.status_code == 200
    assert rows(default) == [paid_order.public_id]
    assert set(rows(everything)) == {paid_order.public_id, unpaid.public_id}
    assert rows(waiting) == [unpaid.public_id]
    assert "Oliver Smith" in default.content.decode()


def test_searches_by_order_id_buyer_name_sku_and_tracking(seller_client, paid_order, seller, clock):
    from tradepost.orders.services import ship_order

    ship_order(order=paid_order, seller_user=seller.user, carrier="dhl",
               tracking_number="1234567890", now=clock.now())  # fmt: skip

    def found(q: str) -> list[str]:
        return rows(seller_client.get(LIST, {"q": q, "status": "all"}))

    for query in (paid_order.public_id, "oliver", "SHIRT-L", "1234567890"):
        assert found(query) == [paid_order.public_id], query
    assert found("nobody") == []


def test_an_unknown_status_falls_back_to_orders_to_ship(seller_client, paid_order):
    response = seller_client.get(LIST, {"status": "lost"})

    assert response.status_code == 200
    assert rows(response) == [paid_order.public_id]


def test_pages_through_many_orders(seller_client, place, monkeypatch):
    monkeypatch.setattr("tradepost.sellercenter.order_views.PAGE_SIZE", 2)
    for _ in range(3):
        place(1)

    first = seller_client.get(LIST, {"status": "all"})
    second = seller_client.get(LIST, {"status": "all", "page": 2})

    assert len(rows(first)) == 2 and len(rows(second)) == 1
    assert "status=all&amp;page=2" in first.content.decode()


def test_list_queries_do_not_grow_with_the_orders(seller_client, place):
    place(1)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert seller_client.get(LIST, {"status": "all"}).status_code == 200
        return len(captured)

    queries()  # warm the per-country caches the base template reads
    few = queries()
    for _ in range(4):
        place(1)
    assert queries() == few


# --- the detail --------------------------------------------------------------------------------


def test_detail_shows_lines_address_both_currencies_and_timeline(seller_client, paid_order, buyer):
    response = seller_client.get(f"{LIST}{paid_order.public_id}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "SHIRT-L" in html and "1 High Street" in html
    assert "€40.00" in html  # 2 × 20.00 EUR, the store's currency
    assert "£34.00" in html  # what the buyer pays: 40.00 EUR × 0.85
    assert html.count('data-testid="order-event"') == 2
    assert buyer.email not in html
    assert 'data-testid="ship-order"' in html and 'data-testid="cancel-order"' in html


def test_an_unpaid_order_offers_no_ship_or_cancel(seller_client, place):
    order = place(1)

    html = seller_client.get(f"{LIST}{order.public_id}/").content.decode()

    assert 'data-testid="ship-order"' not in html
    assert 'data-testid="cancel-order"' not in html


# --- ship and cancel ---------------------------------------------------------------------------


def test_ships_a_paid_order(seller_client, paid_order):
    url = f"{LIST}{paid_order.public_id}/"

    response = seller_client.post(
        f"{url}ship/", {"carrier": "china-post", "tracking_number": "rr 123 456 785 cn"}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    order = Order.objects.get(pk=paid_order.pk)
    assert (order.status, order.carrier, order.tracking_number) == (
        "shipped", "china-post", "RR123456785CN"
    )  # fmt: skip
    html = seller_client.get(url).content.decode()
    assert "Shipped with China Post, tracking number RR123456785CN" in html
    assert "https://yjcx.ems.com.cn/qps/yjcx?mailNum=RR123456785CN" in html
    assert order.shipment.origin_country == order.store.country.code


def test_htmx_ship_swaps_the_order_panel(seller_client, paid_order):
    response = seller_client.post(
        f"{LIST}{paid_order.public_id}/ship/",
        {"carrier": "dhl", "tracking_number": "1234567890"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="order-panel"')
    assert "marked as shipped" in html
    assert status_of(paid_order) == OrderStatus.SHIPPED


def test_the_ship_form_offers_the_carriers_with_the_planned_one_chosen(seller_client, paid_order):
    Order.objects.filter(pk=paid_order.pk).update(planned_carrier="yunexpress")

    form = seller_client.get(f"{LIST}{paid_order.public_id}/").context["ship_form"]

    assert form["carrier"].value() == "yunexpress"
    codes = [code for code, _name in form.fields["carrier"].choices]
    assert {"china-post", "dhl", "royal-mail", "other"} <= set(codes)


@pytest.mark.parametrize(
    ("carrier", "number", "field"),
    [
        ("china-post", "RR123456784CN", "tracking_number"),  # wrong check digit
        ("ups", "1234567890", "tracking_number"),  # not a UPS number
        ("pigeon-post", "1234567890", "carrier"),
    ],
)
def test_a_number_the_carrier_does_not_issue_is_a_form_error(
    seller_client, paid_order, carrier, number, field
):
    response = seller_client.post(
        f"{LIST}{paid_order.public_id}/ship/", {"carrier": carrier, "tracking_number": number}
    )

    assert response.status_code == 200
    assert response.context["ship_form"].errors[field]
    assert status_of(paid_order) == OrderStatus.PAID


def test_the_paid_order_shows_its_ship_by_deadline(seller_client, paid_order):
    paid_order.refresh_from_db()
    detail = seller_client.get(f"{LIST}{paid_order.public_id}/").content.decode()
    listed = seller_client.get(LIST).content.decode()

    assert paid_order.ship_by is not None
    assert 'data-testid="ship-by"' in detail
    assert paid_order.ship_by.isoformat().replace("+00:00", "") in listed


def test_ship_without_a_tracking_number_is_a_form_error(seller_client, paid_order):
    response = seller_client.post(
        f"{LIST}{paid_order.public_id}/ship/", {"carrier": "dhl", "tracking_number": ""}
    )

    assert response.status_code == 200
    assert response.context["ship_form"].errors["tracking_number"]
    assert status_of(paid_order) == OrderStatus.PAID


def test_shipping_an_unpaid_order_is_a_form_error(seller_client, place):
    order = place(1)

    response = seller_client.post(
        f"{LIST}{order.public_id}/ship/", {"carrier": "dhl", "tracking_number": "1234567890"}
    )

    assert response.status_code == 200
    assert response.context["ship_form"].non_field_errors()
    assert status_of(order) == OrderStatus.AWAITING_PAYMENT


def test_cancels_a_paid_order_with_a_reason(seller_client, paid_order, variant):
    response = seller_client.post(
        f"{LIST}{paid_order.public_id}/cancel/", {"reason": "Damaged in the warehouse"}
    )

    assert response.status_code == 302
    assert status_of(paid_order) == OrderStatus.CANCELLED
    event = OrderEvent.objects.filter(order=paid_order).last()
    assert event.reason == "Damaged in the warehouse"
    assert stock(variant) == 40


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancel_without_a_reason_is_a_form_error(seller_client, paid_order, variant, reason):
    response = seller_client.post(f"{LIST}{paid_order.public_id}/cancel/", {"reason": reason})

    assert response.status_code == 200
    assert response.context["cancel_form"].errors
    assert status_of(paid_order) == OrderStatus.PAID
    assert stock(variant) == 38


def test_posts_need_the_csrf_token(seller, paid_order):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seller.user)
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32

    response = client.post(f"{LIST}{paid_order.public_id}/cancel/", {"reason": "no"})

    assert response.status_code == 403
    assert status_of(paid_order) == OrderStatus.PAID


# --- tenancy -----------------------------------------------------------------------------------


def test_another_store_cannot_see_ship_or_cancel_the_order(rival_client, paid_order, variant):
    url = f"{LIST}{paid_order.public_id}/"

    listed = rival_client.get(LIST, {"status": "all"})
    detail = rival_client.get(url)
    ship = rival_client.post(f"{url}ship/", {"carrier": "dhl", "tracking_number": "1234567890"})
    cancel = rival_client.post(f"{url}cancel/", {"reason": "mine now"})

    assert rows(listed) == []
    assert [detail.status_code, ship.status_code, cancel.status_code] == [404, 404, 404]
    order = Order.objects.get(pk=paid_order.pk)
    assert (order.status, order.tracking_number) == (OrderStatus.PAID, "")
    assert OrderEvent.objects.filter(order=paid_order).count() == 2
    assert stock(variant) == 38


def test_a_buyer_is_sent_to_seller_onboarding(client, buyer, paid_order):
    client.force_login(buyer)

    response = client.get(LIST)

    assert response.status_code == 302
    assert "/seller/onboarding/" in response["Location"]
