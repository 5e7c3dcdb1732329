"""The buyer extends protection once: auto_confirm_at moves on by PROTECTION_EXTENSION_DAYS,
with an event; twice is refused (409), before shipping too, and another buyer gets 404."""

import datetime as dt

import pytest

from tradepost.api.testing import bearer, error_of, send
from tradepost.cart.testing import make_buyer
from tradepost.orders import errors, services
from tradepost.orders.models import Order
from tradepost.tracking.testing import s10


@pytest.fixture
def shipped(buy_lamp, clock):
    order = buy_lamp()
    return services.ship_order(
        order=order, seller_user=None, carrier="china-post", tracking_number=s10(3),
        now=clock.now(),
    )  # fmt: skip


def url(order) -> str:
    return f"/api/v1/orders/{order.public_id}/extend-protection"


def test_the_buyer_extends_protection_once(shipped, clock, settings):
    before = shipped.auto_confirm_at
    order = services.extend_protection(
        order=shipped, buyer=shipped.buyer, now=clock.advance(days=3)
    )

    stored = Order.objects.get(pk=shipped.pk)
    days = dt.timedelta(days=settings.PROTECTION_EXTENSION_DAYS)
    assert stored.auto_confirm_at == order.auto_confirm_at == before + days
    assert stored.protection_extended_at == clock.now()
    event = stored.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        "shipped",
        "shipped",
        shipped.buyer,
    )
    assert event.reason.startswith("Protection extended by 15 days")

    with pytest.raises(errors.ProtectionAlreadyExtended):
        services.extend_protection(order=shipped, buyer=shipped.buyer, now=clock.now())
    assert Order.objects.get(pk=shipped.pk).auto_confirm_at == before + days


def test_the_auto_confirm_sweep_waits_for_the_extended_date(shipped, clock):
    before = shipped.auto_confirm_at
    services.extend_protection(order=shipped, buyer=shipped.buyer, now=clock.now())

    assert services.auto_confirm_due_orders(now=before + dt.timedelta(minutes=1)) == 0
    assert Order.objects.get(pk=shipped.pk).status == "shipped"


def test_not_before_shipping_and_not_for_another_buyer(buy_lamp, shipped, clock):
    paid = buy_lamp()
    with pytest.raises(errors.CannotExtendProtection):
        services.extend_protection(order=paid, buyer=paid.buyer, now=clock.now())
    with pytest.raises(errors.OrderNotFound):
        services.extend_protection(order=shipped, buyer=make_buyer(), now=clock.now())
    assert Order.objects.get(pk=shipped.pk).protection_extended_at is None


def test_api_extends_once_then_answers_409(client, shipped, clock):
    headers = bearer(shipped.buyer, "orders:read", "orders:write")

    first = send(client, "post", url(shipped), **headers)
    second = send(client, "post", url(shipped), **headers)

    assert first.status_code == 200, first.content
    assert first.json()["protection_extended_at"] is not None
    assert second.status_code == 409
    assert error_of(second)["code"] == "protection_already_extended"


def test_api_another_buyer_gets_404_and_nothing_changes(client, shipped, clock):
    response = send(client, "post", url(shipped), **bearer(make_buyer(), "orders:write"))

    assert response.status_code == 404
    assert error_of(response)["code"] == "order_not_found"
    assert Order.objects.get(pk=shipped.pk).protection_extended_at is None


def test_api_needs_the_write_scope(client, shipped, clock):
    response = send(client, "post", url(shipped), **bearer(shipped.buyer, "orders:read"))
    assert response.status_code == 403
    assert Order.objects.get(pk=shipped.pk).protection_extended_at is None
