"""emit(): the event and its pending deliveries are written in the caller's transaction."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from tradepost.notifications.dispatcher import dispatch_due
from tradepost.notifications.models import OutboxDelivery, OutboxEvent
from tradepost.notifications.outbox import EmitOutsideTransaction, emit
from tradepost.notifications.registry import handles


def create_group_named_after_event(event):
    Group.objects.create(name=str(event.id))


def notify_seller(event):
    Group.objects.create(name=f"seller:{event.id}")


@pytest.mark.django_db
def test_writes_the_event_and_one_pending_delivery_per_handler(clock):
    handles("order.placed")(create_group_named_after_event)
    handles("order.placed")(notify_seller)
    handles("order.shipped")(notify_seller)

    with transaction.atomic():
        event = emit("order.placed", {"order_id": "ab12"}, now=clock.now())

    stored = OutboxEvent.objects.get()
    assert (stored.id, stored.topic, stored.payload) == (
        event.id,
        "order.placed",
        {"order_id": "ab12"},
    )
    assert stored.created_at == clock.now()
    deliveries = OutboxDelivery.objects.filter(event=event).order_by("handler")
    assert [(d.handler, d.attempts, d.next_attempt_at) for d in deliveries] == [
        (f"{__name__}.create_group_named_after_event", 0, clock.now()),
        (f"{__name__}.notify_seller", 0, clock.now()),
    ]
    assert all(d.delivered_at is None and d.gave_up_at is None for d in deliveries)


@pytest.mark.django_db(transaction=True)
def test_event_emitted_in_a_rolled_back_transaction_is_never_delivered(
    clock, group_writer, emit_rolled_back
):
    email = group_writer("order.placed", label="email")

    emit_rolled_back("order.placed", {"order_id": "ab12"})

    result = dispatch_due(now=clock.advance(hours=1))
    assert OutboxEvent.objects.count() == 0
    assert OutboxDelivery.objects.count() == 0
    assert result.attempted == 0
    assert (email.calls, email.groups()) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_refuses_to_emit_outside_a_transaction(clock):
    handles("order.placed")(create_group_named_after_event)

    with pytest.raises(EmitOutsideTransaction):
        emit("order.placed", {"order_id": "ab12"})

    assert OutboxEvent.objects.count() == 0


@pytest.mark.django_db
def test_event_without_handlers_is_kept_with_no_deliveries(clock):
    with transaction.atomic():
        event = emit("review.posted", {"review_id": 7})

    assert OutboxEvent.objects.filter(pk=event.pk).exists()
    assert OutboxDelivery.objects.count() == 0
