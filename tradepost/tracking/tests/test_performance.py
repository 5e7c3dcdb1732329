"""Delivery performance per route, from tracked deliveries: business days, median and 90th
percentile on known data; the promise uses it from enough deliveries; sellers see their own."""

import datetime as dt

import pytest

from tradepost.catalog.testing import make_seller_store
from tradepost.orders.models import Order
from tradepost.tracking import selectors
from tradepost.tracking.models import Shipment
from tradepost.tracking.testing import s10

MONDAY = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def parcels(order, days: list[int], *, origin="CN", destination="ES", carrier="china-post",
            store=None, start: int = 100):  # fmt: skip
    """One delivered shipment per entry of `days` (calendar days after MONDAY), each on a copy
    of `order` (of `store` if given)."""
    copies = []
    for offset in range(len(days)):
        copy = Order.objects.get(pk=order.pk)
        copy.pk, copy.public_id = None, f"copy{start + offset}"
        copy.store = store or order.store
        copies.append(copy)
    copies = Order.objects.bulk_create(copies)
    Shipment.objects.bulk_create(
        Shipment(order=copy, carrier=carrier, tracking_number=s10(start + n),
                 origin_country=origin, destination_country=destination, shipped_at=MONDAY,
                 delivered_at=MONDAY + dt.timedelta(days=day))
        for n, (copy, day) in enumerate(zip(copies, days, strict=True))
    )  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (dt.date(2026, 11, 2), dt.date(2026, 11, 6), 4),  # Monday → Friday
        (dt.date(2026, 11, 6), dt.date(2026, 11, 9), 1),  # Friday → Monday
        (dt.date(2026, 11, 7), dt.date(2026, 11, 9), 0),  # Saturday → Monday
        (dt.date(2026, 11, 2), dt.date(2026, 11, 16), 10),  # two weeks
        (dt.date(2026, 12, 31), dt.date(2027, 1, 4), 2),  # over the year end
        (dt.date(2026, 11, 2), dt.date(2026, 11, 2), 0),
    ],
)
def test_business_days_between(start, end, days):
    assert selectors.business_days_between(start, end) == days


def test_median_and_90th_percentile_on_known_data(buy):
    order = buy()
    # Calendar days from a Monday: 4 → 4, 7 → 5, 9 → 7, 11 → 9, 14 → 10 business days, …
    parcels(order, [4, 7, 7, 9, 11, 14, 14, 16, 18, 21])
    parcels(order, [2, 3], carrier="dhl", start=200)

    routes = selectors.route_performance()

    assert [(r.carrier, r.deliveries) for r in routes] == [("china-post", 10), ("dhl", 2)]
    post = routes[0]
    # business days: 4, 5, 5, 7, 9, 10, 10, 12, 14, 15 → median 9.5, 90th (9th of 10) 14
    assert (post.origin, post.destination, post.median_days, post.p90_days) == ("CN", "ES", 9.5, 14)
    assert selectors.route_performance(carrier="dhl")[0].median_days == 2.5


def test_route_transit_days_needs_enough_deliveries(buy, settings):
    settings.DELIVERY_PERFORMANCE_MIN_SAMPLES = 5
    order = buy()
    parcels(order, [4, 7, 9, 11])
    assert selectors.route_transit_days("CN", "ES", "china-post") is None

    parcels(order, [14], start=300)
    assert selectors.route_transit_days("CN", "ES", "china-post") is None  # cached ten minutes
    from django.core.cache import cache

    cache.clear()
    assert selectors.route_transit_days("CN", "ES", "china-post") == (7, 10)


def test_undelivered_parcels_do_not_count(shipped):
    assert selectors.route_performance() == []


# --- pages -------------------------------------------------------------------------------------


def test_a_seller_sees_only_their_own_routes(client, buy, django_assert_max_num_queries):
    order = buy()
    rival = make_seller_store(country="KR", currency="KRW")
    parcels(order, [4, 7])
    parcels(order, [2, 3], origin="KR", carrier="korea-post", store=rival, start=500)
    client.force_login(order.store.seller.user)

    with django_assert_max_num_queries(8):
        response = client.get("/en/seller/shipping/performance/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-route="CN-ES-china-post"' in html
    assert 'data-route="KR-' not in html
    routes = response.context["routes"]
    assert [(r.deliveries, r.median_days) for r in routes] == [(2, 4.5)]


def test_staff_see_every_route_and_filter_them(staff_client, buy):
    order = buy()
    rival = make_seller_store(country="KR", currency="KRW")
    parcels(order, [4, 7])
    parcels(order, [2, 3], origin="KR", carrier="korea-post", store=rival, start=500)
    everything = staff_client.get("/en/console/shipping/performance/")
    korean = staff_client.get("/en/console/shipping/performance/", {"origin": "kr"})
    bad = staff_client.get("/en/console/shipping/performance/", {"origin": "Korea", "carrier": "x"})

    assert len(everything.context["routes"]) == 2
    assert [r.carrier for r in korean.context["routes"]] == ["korea-post"]
    assert bad.status_code == 200 and bad.context["filters"].errors
    assert len(bad.context["routes"]) == 2  # a bad filter filters nothing


def test_the_console_page_is_hidden_from_sellers(client, shipped):
    client.force_login(shipped.store.seller.user)
    assert client.get("/en/console/shipping/performance/").status_code == 404


def test_the_delivery_promise_uses_the_measured_route_once_there_is_enough_data(buy, settings):
    from tradepost.shipping import selectors as shipping
    from tradepost.shipping.services import ShippingOption

    settings.DELIVERY_PERFORMANCE_MIN_SAMPLES = 5
    parcels(buy(), [4, 7, 9, 11, 14])  # business days 4, 5, 7, 9, 10: median 7, 90th 10
    option = ShippingOption("economy", "Economy", "china-post", 0, 2, 15, 30, None, "CN")
    friday = dt.date(2026, 12, 4)

    measured = shipping.promise_for(option, today=friday, destination="ES")
    estimated = shipping.promise_for(option, today=friday, destination="FR")  # no data for FR

    # Fri 4 Dec + 2 processing + 7 business days = Thu 17 Dec; + 2 + 10 = Tue 22 Dec
    assert (measured.earliest, measured.latest, measured.measured) == (
        dt.date(2026, 12, 17), dt.date(2026, 12, 22), True
    )  # fmt: skip
    # the seller's 15–30 days: + 17 = Tue 29 Dec, + 32 = Tue 19 Jan
    assert (estimated.earliest, estimated.latest, estimated.measured) == (
        dt.date(2026, 12, 29), dt.date(2027, 1, 19), False
    )  # fmt: skip
