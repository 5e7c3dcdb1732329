"""Demo parcels: real-looking numbers every carrier would accept, and a journey up to now."""

import datetime as dt

import pytest

from tradepost.demo_catalog.tracking import ship_with_history, tracking_number
from tradepost.shipping.carriers import CARRIERS, validate_tracking_number
from tradepost.tracking import selectors


@pytest.mark.parametrize("carrier", sorted(CARRIERS))
def test_demo_numbers_pass_the_carriers_own_checks(carrier):
    used, number = tracking_number(carrier, 40_123_457)
    assert validate_tracking_number(used, number) == number


def test_a_delivered_demo_parcel_has_its_whole_journey(buy, clock):
    order = buy()
    shipped_at = clock.now() - dt.timedelta(days=10)

    order = ship_with_history(order, shipped_at=shipped_at, now=clock.now())

    tracking = selectors.tracking_for_order(order)
    assert [e.status for e in tracking.events] == [
        "info_received", "in_transit", "in_transit", "in_transit", "out_for_delivery", "delivered"
    ]  # fmt: skip
    assert order.status == "delivered"
    assert tracking.delivered_at == shipped_at + dt.timedelta(hours=171)


def test_a_parcel_on_its_way_stops_at_now(buy, clock):
    order = ship_with_history(
        buy(), shipped_at=clock.now() - dt.timedelta(hours=30), now=clock.now()
    )
    assert [e.status for e in selectors.events_for_order(order)] == [
        "info_received", "in_transit"
    ]  # fmt: skip
    assert order.status == "shipped"
