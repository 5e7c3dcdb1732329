"""dispatch_due(): exactly-once database effects, backoff, dead letters, no head-of-line blocking."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError

from tradepost.notifications import registry, selectors
from tradepost.notifications.dispatcher import DispatchResult, dispatch_due, retry_delay
from tradepost.notifications.models import OutboxDelivery

pytestmark = pytest.mark.django_db


def test_committed_event_is_delivered_once_to_each_handler(clock, emit_committed, group_writer):
    # given
    email, search = (
        group_writer("order.placed", label="email"),
        group_writer("order.placed", label="search"),
    )
    event = emit_committed("order.placed", {"order_id": "ab12"})

    # when
    first = dispatch_due(now=clock.now())
    second = dispatch_due(now=clock.advance(hours=2))

    # then
    assert first == DispatchResult(delivered=2)
    assert second == DispatchResult()
    assert email.groups() == [email.group_name(event.id)]
    assert search.groups() == [search.group_name(event.id)]
    assert (email.calls, search.calls) == ([event.id], [event.id])
    delivered = OutboxDelivery.objects.filter(event=event)
    assert {(d.attempts, d.delivered_at) for d in delivered} == {
        (1, clock.now() - dt.timedelta(hours=2))
    }


def test_handler_receives_id_topic_and_payload(clock, emit_committed):
    received = []
    registry.register("order.placed", received.append, name="tests.recorder")
    event = emit_committed(
        "order.placed", {"order_id": "ab12", "total": {"minor": 1999, "currency": "EUR"}}
    )

    dispatch_due(now=clock.now())

    assert received == [
        registry.Event(
            id=event.id,
            topic="order.placed",
            payload={"order_id": "ab12", "total": {"minor": 1999, "currency": "EUR"}},
            created_at=clock.now(),
        )
    ]


def test_failed_attempt_is_rolled_back_and_retried_only_after_its_backoff(
    clock, emit_committed, group_writer
):
    # given: a handler that writes its row and then fails once
    flaky = group_writer("order.placed", label="flaky", failures=1)
    event = emit_committed("order.placed", {})
    failed_at = clock.now()

    # when: the first attempt fails
    assert dispatch_due(now=clock.now()) == DispatchResult(failed=1)

    # then: its row was rolled back and the retry waits for the backoff
    delivery = OutboxDelivery.objects.get(event=event)
    retry_at = failed_at + retry_delay(1, key=delivery.pk)
    assert flaky.groups() == []
    assert (delivery.attempts, delivery.next_attempt_at) == (1, retry_at)
    assert delivery.last_error == "ConnectionError: flaky is unreachable"
    assert dt.timedelta(seconds=30) <= retry_at - failed_at < dt.timedelta(seconds=33)

    clock.move_to(retry_at - dt.timedelta(seconds=1))
    assert dispatch_due(now=clock.now()) == DispatchResult()
    assert len(flaky.calls) == 1

    clock.move_to(retry_at)
    assert dispatch_due(now=clock.now()) == DispatchResult(delivered=1)
    clock.advance(days=1)
    assert dispatch_due(now=clock.now()) == DispatchResult()

    assert flaky.groups() == [flaky.group_name(event.id)]
    assert len(flaky.calls) == 2
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.delivered_at) == (2, retry_at)


def test_failing_handler_blocks_neither_other_handlers_nor_other_events(
    clock, emit_committed, group_writer
):
    # given: webhooks always fail for order.placed; email serves both topics
    webhooks = group_writer("order.placed", label="webhooks", failures=99)
    email = group_writer("order.placed", label="email")
    registry.register("order.shipped", email, name="tests.email")
    placed = emit_committed("order.placed", {})
    shipped = emit_committed("order.shipped", {})

    # when
    result = dispatch_due(now=clock.now())

    # then
    assert result == DispatchResult(delivered=2, failed=1)
    assert webhooks.groups() == []
    assert sorted(email.groups()) == sorted(
        [email.group_name(placed.id), email.group_name(shipped.id)]
    )
    assert selectors.count_pending() == 1


def test_backoff_doubles_from_30_seconds_and_is_capped_at_one_hour():
    delays = [retry_delay(n, key=42) for n in range(1, 12)]

    bases = [min(30 * 2 ** (n - 1), 3600) for n in range(1, 12)]
    for delay, base in zip(delays, bases, strict=True):
        assert base <= delay.total_seconds() < base * 1.1
    assert retry_delay(3, key=42) == retry_delay(3, key=42)  # reproducible


def test_gives_up_after_max_attempts_and_is_not_retried(clock, emit_committed, group_writer):
    # given: a handler that never succeeds
    broken = group_writer("order.placed", label="broken", failures=10_000)
    event = emit_committed("order.placed", {})
    delivery = OutboxDelivery.objects.get(event=event)

    # when: every retry is let through as soon as its backoff elapses
    outcomes = []
    for _ in range(settings.OUTBOX_MAX_ATTEMPTS):
        delivery.refresh_from_db()
        clock.move_to(max(clock.now(), delivery.next_attempt_at))
        outcomes.append(dispatch_due(now=clock.now()))
    gave_up_at = clock.now()
    later = dispatch_due(now=clock.advance(days=30))

    # then
    assert outcomes == [DispatchResult(failed=1)] * (settings.OUTBOX_MAX_ATTEMPTS - 1) + [
        DispatchResult(gave_up=1)
    ]
    assert later == DispatchResult()
    assert len(broken.calls) == settings.OUTBOX_MAX_ATTEMPTS
    assert broken.groups() == []
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.gave_up_at, delivery.delivered_at) == (
        settings.OUTBOX_MAX_ATTEMPTS,
        gave_up_at,
        None,
    )
    assert list(selectors.list_dead_letters()) == [delivery]
    assert selectors.count_pending() == 0


def test_delivery_for_an_unknown_handler_is_retried_not_dropped(clock, emit_committed):
    # given: a delivery written while a handler existed that this process does not know
    with registry.isolated():
        registry.register("order.placed", lambda event: None, name="emails.renamed_since")
        event = emit_committed("order.placed", {})

    # when
    result = dispatch_due(now=clock.now())

    # then
    delivery = OutboxDelivery.objects.get(event=event)
    assert result == DispatchResult(failed=1)
    assert delivery.last_error == (
        "UnknownHandler: no outbox handler is registered as 'emails.renamed_since'"
    )
    assert delivery.delivered_at is None


def test_handler_that_swallows_a_database_error_is_not_marked_delivered(clock, emit_committed):
    # given: a handler that writes a row, then hides a failed write (no atomic() of its own)
    def careless(event):
        Group.objects.create(name=f"careless:{event.id}")
        try:
            Group.objects.create(name=f"careless:{event.id}")
        except IntegrityError:
            pass

    registry.register("order.placed", careless, name="tests.careless")
    event = emit_committed("order.placed", {})

    # when
    result = dispatch_due(now=clock.now())

    # then: its lost write is a failure to retry, not a delivery
    delivery = OutboxDelivery.objects.get(event=event)
    assert result == DispatchResult(failed=1)
    assert delivery.delivered_at is None
    assert delivery.last_error.startswith("HandlerBrokeTransaction:")
    assert not Group.objects.filter(name__startswith="careless:").exists()


def test_error_is_one_short_line_without_traceback(clock, emit_committed):
    def explode(event):
        raise ValueError("bad payload\n" + "x" * 2000)

    registry.register("order.placed", explode, name="tests.explode")
    event = emit_committed("order.placed", {})

    dispatch_due(now=clock.now())

    error = OutboxDelivery.objects.get(event=event).last_error
    assert error.startswith("ValueError: bad payload xxx")
    assert len(error) == 500
    assert "\n" not in error
    assert "Traceback" not in error


def test_takes_at_most_limit_deliveries_oldest_due_first(clock, emit_committed, group_writer):
    email = group_writer("order.placed", label="email")
    first = emit_committed("order.placed", {}, now=clock.now() - dt.timedelta(minutes=2))
    second = emit_committed("order.placed", {}, now=clock.now() - dt.timedelta(minutes=1))
    emit_committed("order.placed", {})

    result = dispatch_due(now=clock.now(), limit=2)

    assert result == DispatchResult(delivered=2)
    assert email.calls == [first.id, second.id]
    assert selectors.count_pending() == 1


def test_not_yet_due_event_waits(clock, emit_committed, group_writer):
    email = group_writer("order.placed", label="email")
    emit_committed("order.placed", {}, now=clock.now() + dt.timedelta(minutes=5))

    assert dispatch_due(now=clock.now()) == DispatchResult()
    assert (email.calls, email.groups()) == ([], [])
