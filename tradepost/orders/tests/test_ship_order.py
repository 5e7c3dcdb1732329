"""Shipping an order: a carrier of the registry, a number it issues, one parcel per number; the
Shipment records where it goes."""

import pytest

from tradepost.orders import services
from tradepost.orders.errors import InvalidShipment
from tradepost.orders.models import Order
from tradepost.shipping.carriers import InvalidTrackingNumber
from tradepost.tracking.errors import TrackingNumberInUse
from tradepost.tracking.models import Shipment
from tradepost.tracking.testing import s10


def ship(order, carrier, number, clock):
    return services.ship_order(
        order=order, seller_user=order.store.seller.user, carrier=carrier,
        tracking_number=number, now=clock.now(),
    )  # fmt: skip


def test_shipping_creates_the_parcel_with_its_route(buy_lamp, clock):
    order = ship(buy_lamp(), "China Post", "rr-123 456 785-cn", clock)

    shipment = Shipment.objects.get(order=order)
    assert (shipment.carrier, shipment.tracking_number) == ("china-post", "RR123456785CN")
    assert (shipment.origin_country, shipment.destination_country) == ("CN", "ES")
    assert shipment.shipped_at == clock.now()
    assert (order.status, order.carrier) == ("shipped", "china-post")
    assert order.events.last().reason == "China Post RR123456785CN"


@pytest.mark.parametrize(
    ("carrier", "number", "error", "code"),
    [
        ("china-post", "RR123456784CN", InvalidTrackingNumber, "invalid_tracking_number"),
        ("ups", "RR123456785CN", InvalidTrackingNumber, "invalid_tracking_number"),
        ("dhl", "12", InvalidTrackingNumber, "invalid_tracking_number"),
        ("carrier pigeon", "1234567890", InvalidShipment, "invalid_shipment"),
        (None, None, InvalidShipment, "invalid_shipment"),
    ],
)
def test_bad_carriers_and_numbers_are_refused_and_nothing_changes(
    buy_lamp, clock, carrier, number, error, code
):
    order = buy_lamp()
    with pytest.raises(error) as refused:
        ship(order, carrier, number, clock)

    assert refused.value.code == code
    assert Order.objects.get(pk=order.pk).status == "paid"
    assert not Shipment.objects.exists()


def test_a_number_already_used_by_another_order_is_refused(buy_lamp, clock):
    ship(buy_lamp(), "china-post", s10(7), clock)
    second = buy_lamp()

    with pytest.raises(TrackingNumberInUse) as refused:
        ship(second, "china-post", s10(7), clock)

    assert (refused.value.code, refused.value.http_status) == ("tracking_number_in_use", 409)
    second.refresh_from_db()
    assert (second.status, second.tracking_number) == ("paid", "")
    assert Shipment.objects.count() == 1


def test_other_carriers_get_the_generic_check_only(buy_lamp, clock):
    order = ship(buy_lamp(), "other", "ab-12345", clock)
    assert Shipment.objects.get(order=order).tracking_number == "AB12345"
