"""The carriers' webhook: signed batches, all or nothing; repeats skipped; events listed by when
they happened; a delivered event moves the order (and only forwards)."""

import datetime as dt
import json

import pytest

from tradepost.api.testing import error_of
from tradepost.orders.models import Order
from tradepost.tracking import selectors
from tradepost.tracking.models import Shipment, TrackingEvent
from tradepost.tracking.testing import URL, event, post_events, s10


def statuses(order) -> list[str]:
    return [e.status for e in selectors.events_for_order(order)]


def test_a_signed_batch_is_stored(client, shipped, clock):
    at = clock.now() + dt.timedelta(hours=5)
    clock.advance(hours=6)
    response = post_events(
        client, [event(shipped, "in_transit", at, location="Shenzhen", description="Departed")],
        now=clock.now(),
    )  # fmt: skip

    assert response.status_code == 200
    assert response.json() == {"stored": 1, "duplicates": 0, "delivered_orders": []}
    (row,) = TrackingEvent.objects.all()
    assert (row.status, row.location, row.source, row.occurred_at) == (
        "in_transit", "Shenzhen", "webhook", at
    )  # fmt: skip
    assert Shipment.objects.get().last_event_at == at


@pytest.mark.parametrize(
    "header",
    ["", "t=1,v1=00", "v1=abc", "garbage"],
)
def test_a_bad_or_missing_signature_is_refused_and_nothing_stored(client, shipped, clock, header):
    body = json.dumps({"events": [event(shipped, "delivered", clock.now())]})
    headers = {"Tradepost-Signature": header} if header else {}
    response = client.post(URL, body, content_type="application/json", headers=headers)

    assert response.status_code == 401
    assert error_of(response)["code"] == "invalid_signature"
    assert not TrackingEvent.objects.exists()
    assert Order.objects.get(pk=shipped.pk).status == "shipped"


def test_the_wrong_secret_or_a_replayed_old_signature_is_refused(client, shipped, clock):
    batch = [event(shipped, "delivered", clock.now())]
    wrong = post_events(client, batch, now=clock.now(), secret="not-the-secret")
    replay = post_events(client, batch, now=clock.now() - dt.timedelta(minutes=10))

    assert (wrong.status_code, replay.status_code) == (401, 401)
    assert not TrackingEvent.objects.exists()


def test_an_unknown_tracking_number_refuses_the_whole_batch(client, shipped, clock):
    stranger = {**event(shipped, "in_transit", clock.now()), "tracking_number": s10(999)}
    batch = [event(shipped, "in_transit", clock.now()), stranger]
    response = post_events(client, batch, now=clock.now())

    assert response.status_code == 422
    body = error_of(response)
    assert body["code"] == "unknown_tracking_number"
    assert list(body["fields"]) == ["events[1].tracking_number"]
    assert not TrackingEvent.objects.exists()  # not even the good first event


def test_malformed_events_are_named_by_place_and_nothing_is_stored(client, shipped, clock):
    good = event(shipped, "in_transit", clock.now())
    batch = [
        good,
        {**good, "event_id": "b", "status": "lost_in_space"},
        {**good, "event_id": "c", "occurred_at": "2026-11-25 10:00"},  # no offset
        {**good, "event_id": "d", "carrier": "pigeon"},
        {**good, "event_id": "", "occurred_at": "2027-01-01T00:00:00+00:00"},  # future
        "not an object",
    ]
    response = post_events(client, batch, now=clock.now())

    assert response.status_code == 422
    body = error_of(response)
    assert body["code"] == "invalid_tracking_events"
    assert set(body["fields"]) == {
        "events[1].status", "events[2].occurred_at", "events[3].carrier",
        "events[4].event_id", "events[4].occurred_at", "events[5].event",
    }  # fmt: skip
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"events": []}', b'{"events": {}}'])
def test_a_body_without_events_is_refused(client, shipped, clock, body):
    response = post_events(client, [], now=clock.now(), body=body)
    assert response.status_code == 422
    assert error_of(response)["code"] == "invalid_tracking_events"


def test_repeats_are_skipped_in_a_batch_and_across_batches(client, shipped, clock):
    one = event(shipped, "in_transit", clock.now(), event_id="e1")
    first = post_events(client, [one, one], now=clock.now())
    again = post_events(client, [one, event(shipped, "in_transit", clock.now(), event_id="e2")],
                        now=clock.now())  # fmt: skip

    assert first.json() | {"delivered_orders": []} == {
        "stored": 1, "duplicates": 1, "delivered_orders": []
    }  # fmt: skip
    assert (again.json()["stored"], again.json()["duplicates"]) == (1, 1)
    assert TrackingEvent.objects.count() == 2


def test_events_arriving_out_of_order_are_listed_by_when_they_happened(client, shipped, clock):
    start = clock.now()
    later = event(shipped, "out_for_delivery", start + dt.timedelta(days=6), event_id="3")
    earlier = event(shipped, "info_received", start + dt.timedelta(hours=1), event_id="1")
    middle = event(shipped, "in_transit", start + dt.timedelta(days=2), event_id="2")
    clock.advance(days=7)
    post_events(client, [later], now=clock.now())
    post_events(client, [earlier, middle], now=clock.now())

    assert statuses(shipped) == ["info_received", "in_transit", "out_for_delivery"]
    assert Shipment.objects.get().last_event_at == start + dt.timedelta(days=6)


def test_delivered_moves_the_order_and_restarts_protection(client, shipped, clock, settings):
    handed = clock.now() + dt.timedelta(days=8)
    clock.advance(days=9)  # the carrier tells us a day later
    response = post_events(client, [event(shipped, "delivered", handed)], now=clock.now())

    assert response.json()["delivered_orders"] == [shipped.public_id]
    order = Order.objects.get(pk=shipped.pk)
    assert order.status == "delivered"
    days = settings.AUTO_CONFIRM_DAYS_AFTER_DELIVERED
    assert order.auto_confirm_at == clock.now() + dt.timedelta(days=days)
    assert Shipment.objects.get().delivered_at == handed


def test_a_late_older_event_after_delivery_does_not_move_the_order_back(client, shipped, clock):
    start = clock.now()
    clock.advance(days=9)
    post_events(
        client, [event(shipped, "delivered", start + dt.timedelta(days=8))], now=clock.now()
    )
    late = event(shipped, "in_transit", start + dt.timedelta(days=3))
    again = event(shipped, "delivered", start + dt.timedelta(days=8), event_id="other-id")
    response = post_events(client, [late, again], now=clock.now())

    assert response.status_code == 200
    assert response.json()["delivered_orders"] == []
    assert Order.objects.get(pk=shipped.pk).status == "delivered"
    assert statuses(shipped)[-2:] == ["delivered", "delivered"]
    assert Shipment.objects.get().delivered_at == start + dt.timedelta(days=8)


def test_a_batch_about_several_parcels(client, ship, clock, django_assert_max_num_queries):
    orders = [ship(serial) for serial in range(1, 6)]
    batch = [event(order, "in_transit", clock.now()) for order in orders]
    with django_assert_max_num_queries(8):
        response = post_events(client, batch, now=clock.now())
    assert response.json()["stored"] == 5


def test_the_webhook_format_is_documented_in_the_openapi(client):
    spec = client.get("/api/v1/openapi.json").json()

    operation = spec["paths"]["/api/v1/tracking/events"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    event = body["properties"]["events"]["items"]
    assert set(event["required"]) == {
        "carrier", "tracking_number", "event_id", "occurred_at", "status"
    }  # fmt: skip
    assert "delivered" in event["properties"]["status"]["enum"]
    assert "Tradepost-Signature" in operation["description"]
    assert operation.get("security") in (None, [])
