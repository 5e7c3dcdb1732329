"""The buyer's order page once paid and shipped: the ship-by deadline, the promised delivery
range, the parcel's tracking timeline with the carrier's link, and "Extend protection" (once,
POST, the buyer only)."""

import datetime as dt

import pytest
from django.test import Client

from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.orders import services
from tradepost.orders.models import Order
from tradepost.payments.testing import pay
from tradepost.shipping.testing import flat_rate
from tradepost.storefront.tests.buying import text
from tradepost.tracking import services as tracking
from tradepost.tracking.models import EventSource
from tradepost.tracking.testing import s10

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(clock):
    store = make_seller_store(country="CN", currency="EUR")
    flat_rate(store, rate_minor=300, processing_days=3, days_min=7, days_max=12)
    lamp = make_product(store=store, category=make_category(["lamps"]), variants=[{"stock": 5}])
    buyer = make_buyer(country="ES")
    cart_with(buyer, (lamp.variants.get(), 1))
    checkout = place(buyer)
    pay(checkout)
    return checkout.orders.get()


@pytest.fixture
def buyer_client(paid):
    client = Client()
    client.force_login(paid.buyer)
    return client


def page_of(client, order):
    return client.get(f"/en/account/orders/{order.public_id}/")


def ship_with_events(order, clock):
    order = services.ship_order(
        order=order, seller_user=None, carrier="china-post", tracking_number=s10(5),
        now=clock.now(),
    )  # fmt: skip
    start = clock.now()
    raws = [
        ("a", {"carrier": "china-post", "tracking_number": s10(5), "event_id": "2",
               "occurred_at": (start + dt.timedelta(days=2)).isoformat(), "status": "in_transit",
               "location": "Shenzhen", "description": "Departed"}),
        ("b", {"carrier": "china-post", "tracking_number": s10(5), "event_id": "1",
               "occurred_at": (start - dt.timedelta(hours=2)).isoformat(),
               "status": "info_received", "location": "", "description": "Label created"}),
    ]  # fmt: skip
    clock.advance(days=3)
    events = tracking.parse_events(raws, now=clock.now())
    tracking.record_events(events=events, source=EventSource.WEBHOOK, now=clock.now())
    return order


def test_a_paid_order_shows_the_ship_by_deadline_and_promised_range(buyer_client, paid):
    page = text(page_of(buyer_client, paid))

    assert "The seller ships by" in page and "your money refunded" in page
    assert "Estimated delivery:" in page
    assert "Extend protection" not in page


def test_a_shipped_order_shows_the_tracking_timeline_oldest_first(
    buyer_client, paid, clock, django_assert_max_num_queries
):
    ship_with_events(paid, clock)

    with django_assert_max_num_queries(16):
        response = page_of(buyer_client, paid)

    html = response.content.decode()
    page = text(response)
    assert "Shipped with China Post, tracking number " + s10(5) in page
    assert f"https://yjcx.ems.com.cn/qps/yjcx?mailNum={s10(5)}" in html
    assert html.index('data-status="info_received"') < html.index('data-status="in_transit"')
    assert "In transit · Shenzhen — Departed" in page
    assert "Extend protection" in page


def test_the_buyer_extends_protection_once_from_the_page(buyer_client, paid, clock):
    ship_with_events(paid, clock)
    url = f"/en/account/orders/{paid.public_id}/extend-protection/"

    first = buyer_client.post(url, follow=True)
    assert "Protection extended: your money stays in escrow until" in text(first)
    assert 'data-testid="extend-protection"' not in first.content.decode()
    assert "You extended protection on" in text(first)

    extended = Order.objects.get(pk=paid.pk).auto_confirm_at
    second = buyer_client.post(url, follow=True)
    assert "already was" in text(second)
    assert Order.objects.get(pk=paid.pk).auto_confirm_at == extended


def test_another_buyer_cannot_see_or_extend(paid, clock):
    ship_with_events(paid, clock)
    other = Client()
    other.force_login(make_buyer())

    assert page_of(other, paid).status_code == 404
    response = other.post(f"/en/account/orders/{paid.public_id}/extend-protection/")
    assert response.status_code == 404
    assert Order.objects.get(pk=paid.pk).protection_extended_at is None


def test_extending_needs_a_post(buyer_client, paid, clock):
    ship_with_events(paid, clock)
    response = buyer_client.get(f"/en/account/orders/{paid.public_id}/extend-protection/")
    assert response.status_code == 405
