"""The buyer's order pages: list (paginated, bounded queries), detail with charges, rate and
timeline, cancelling an unpaid order; another buyer's order is not found and cannot be touched."""

import pytest
from django.test import Client

from tradepost.cart import services
from tradepost.catalog.models import Variant
from tradepost.inventory.models import Reservation, ReservationStatus
from tradepost.orders.models import Order, OrderEvent
from tradepost.orders.states import OrderStatus
from tradepost.orders.testing import mark_paid
from tradepost.promotions.testing import make_coupon
from tradepost.storefront.tests.buying import make_address, text

pytestmark = pytest.mark.django_db


def _place(buyer, clock, *lines, key="k1", coupons=()):
    cart = services.cart_for(user=buyer, create=True, now=clock.now())
    for variant, quantity in lines:
        services.add_to_cart(
            ship_to="FR", cart=cart, variant=variant.public_id, quantity=quantity, now=clock.now()
        )
    address = buyer.addresses.first() or make_address(buyer)
    return services.place_checkout(
        buyer=buyer, cart=cart, address_id=address.public_id, currency="EUR", language="en",
        request_key=key, now=clock.now(), coupon_codes=list(coupons),
    )  # fmt: skip


@pytest.fixture
def checkout(shop, es_buyer, clock):
    make_coupon(code="WELCOME10", percent_bps=1000)
    return _place(es_buyer, clock, (shop.phone, 2), (shop.cream, 2), coupons=["WELCOME10"])


def _order(checkout, store) -> Order:
    return Order.objects.get(checkout=checkout, store=store)


def test_the_list_shows_each_order_with_its_seller_status_and_total(es_client, checkout):
    page = text(es_client.get("/en/account/orders/"))

    for order in checkout.orders.all():
        assert f"Order {order.public_id} Awaiting payment" in page
    assert "Shenzhen Gadgets" in page and "Pocket phone × 2" in page
    assert "Seoul Beauty" in page and "Snail cream × 2" in page


def test_the_list_pages_with_a_bounded_number_of_queries(
    es_client, shop, es_buyer, clock, django_assert_max_num_queries
):
    Variant.objects.update(stock=1000)
    for number in range(27):
        _place(es_buyer, clock, (shop.phone if number % 2 else shop.cream, 2), key=f"k{number}")

    with django_assert_max_num_queries(6):  # session, user, count, orders, lines
        first = es_client.get("/en/account/orders/")
    second = es_client.get("/en/account/orders/?page=2")

    assert first.content.decode().count('data-testid="order-row"') == 25
    assert second.content.decode().count('data-testid="order-row"') == 2
    assert "Page 2 of 2" in text(second)
    assert es_client.get("/en/account/orders/?page=x").status_code == 200


def test_the_detail_shows_lines_charges_rate_and_timeline(es_client, checkout, shop):
    order = _order(checkout, shop.cn)

    page = text(es_client.get(f"/en/account/orders/{order.public_id}/"))

    assert "Pocket phone" in page and "PHONE-1" in page and "CN¥68.00" in page
    assert "Items €17.44" in page
    assert "Standard · DHL Express €1.92" in page and "Coupon WELCOME10 -€1.74" in page
    # Import VAT for Spain on 17.62 (items + shipping − coupon) = 3.70, and the €3 EU duty
    assert "VAT (Spain, 21 %) €3.70" in page and "Total €24.32" in page
    assert "Exchange rate used: 1 CNY = 0.128205128205 EUR." in page
    assert "Seller's item total: CN¥136.00." in page
    assert "Order placed" in page and "Cancel order" in page


def test_the_buyer_cancels_an_unpaid_order_and_its_stock_returns(es_client, checkout, shop):
    order = _order(checkout, shop.cn)

    response = es_client.post(f"/en/account/orders/{order.public_id}/cancel/", follow=True)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    page = text(response)
    assert "Your order was cancelled." in page and "Status: Cancelled" in page
    assert "Cancel order" not in page
    assert Variant.objects.get(pk=shop.phone.pk).stock == 20
    assert Reservation.objects.get(variant=shop.phone).status == ReservationStatus.RELEASED
    assert _order(checkout, shop.kr).status == OrderStatus.AWAITING_PAYMENT


def test_a_paid_order_cannot_be_cancelled_by_the_buyer(es_client, checkout, shop, clock):
    mark_paid(checkout=checkout, now=clock.now())
    order = _order(checkout, shop.cn)

    page = text(es_client.post(f"/en/account/orders/{order.public_id}/cancel/", follow=True))

    assert "An order cannot go from “Paid” to “Cancelled”." in page
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and "Cancel order" not in page


def test_another_buyer_cannot_see_or_cancel_an_order(checkout, other_buyer, shop):
    order = _order(checkout, shop.cn)
    intruder = Client()
    intruder.force_login(other_buyer)
    events = OrderEvent.objects.count()

    assert intruder.get(f"/en/account/orders/{order.public_id}/").status_code == 404
    assert intruder.post(f"/en/account/orders/{order.public_id}/cancel/").status_code == 404
    assert "Order " not in text(intruder.get("/en/account/orders/"))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT and OrderEvent.objects.count() == events


def test_order_pages_need_an_account(client, checkout, shop):
    order = _order(checkout, shop.cn)
    for url in ("/en/account/orders/", f"/en/account/orders/{order.public_id}/"):
        assert client.get(url)["Location"].startswith("/en/accounts/login/")
    assert client.post(f"/en/account/orders/{order.public_id}/cancel/").status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT


def test_the_delivery_address_names_the_country_in_the_buyers_language(client, checkout, shop):
    client.force_login(checkout.buyer)
    order = _order(checkout, shop.cn)

    english = text(client.get(f"/en/account/orders/{order.public_id}/"))
    spanish = text(client.get(f"/es/account/orders/{order.public_id}/"))

    assert "Spain" in english and "España" in spanish
