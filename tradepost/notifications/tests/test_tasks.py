"""The Huey side, on the configured storage (SQLite file, or Redis): wake-up after commit, sweep."""

import datetime as dt

import pytest
from django.db import transaction

from tradepost.notifications import tasks
from tradepost.notifications.models import OutboxDelivery, OutboxEvent
from tradepost.notifications.outbox import emit
from tradepost.notifications.tasks import dispatch_outbox_task, sweep_outbox

pytestmark = pytest.mark.django_db(transaction=True)


def _run_next(huey):
    """What a consumer does with the head of the queue."""
    task = huey.dequeue()
    assert task is not None, "the queue is empty"
    huey.execute(task)
    return task


def test_wake_up_is_enqueued_only_after_commit(huey, clock, group_writer):
    email = group_writer("order.placed", label="email")

    with transaction.atomic():
        event = emit("order.placed", {"order_id": "ab12"})
        pending_inside = huey.pending_count()
    pending_after = huey.pending()

    assert pending_inside == 0
    assert [type(task) for task in pending_after] == [dispatch_outbox_task.task_class]
    _run_next(huey)
    assert email.groups() == [email.group_name(event.id)]
    assert OutboxDelivery.objects.get(event=event).delivered_at == clock.now()


def test_rolled_back_emit_enqueues_nothing(huey, clock, group_writer, emit_rolled_back):
    group_writer("order.placed", label="email")

    emit_rolled_back("order.placed", {"order_id": "ab12"})

    assert huey.pending_count() == 0
    assert OutboxEvent.objects.count() == 0


def test_event_from_a_rolled_back_savepoint_is_dropped_while_the_outer_change_commits(
    huey, clock, group_writer, emit_rolled_back
):
    email = group_writer("order.placed", label="email")

    with transaction.atomic():
        kept = emit("order.placed", {"n": 1})
        emit_rolled_back("order.placed", {"n": 2})
    wake_ups = huey.pending_count()
    _run_next(huey)

    assert wake_ups == 1
    assert list(OutboxEvent.objects.values_list("id", flat=True)) == [kept.id]
    assert email.calls == [kept.id]


def test_event_without_handlers_wakes_nobody(huey, clock):
    with transaction.atomic():
        emit("review.posted", {"review_id": 7})

    assert huey.pending_count() == 0


def test_sweep_runs_every_minute_and_delivers_an_event_whose_wake_up_was_lost(
    huey, clock, group_writer
):
    # given: a committed event whose wake-up never reached a worker
    email = group_writer("order.placed", label="email")
    with transaction.atomic():
        event = emit("order.placed", {"order_id": "ab12"})
    huey.flush()

    # when: the consumer's scheduler reaches the next minute (Huey keeps naive UTC timestamps)
    minute = clock.advance(minutes=1).astimezone(dt.UTC).replace(tzinfo=None)
    periodic = huey.read_periodic(minute)
    sweeps = [task for task in periodic if isinstance(task, sweep_outbox.task_class)]
    assert len(sweeps) == 1
    huey.enqueue(sweeps[0])
    executed = _run_next(huey)

    # then
    assert isinstance(executed, sweep_outbox.task_class)
    assert email.groups() == [email.group_name(event.id)]
    assert huey.pending_count() == 0


def test_sweep_retries_a_failed_delivery_once_its_backoff_has_elapsed(
    huey, clock, emit_committed, group_writer
):
    flaky = group_writer("order.placed", label="flaky", failures=1)
    event = emit_committed("order.placed", {})
    _run_next(huey)  # the wake-up: first attempt fails
    assert flaky.groups() == []

    clock.advance(minutes=1)
    huey.enqueue(sweep_outbox.s())
    _run_next(huey)

    assert flaky.groups() == [flaky.group_name(event.id)]
    assert len(flaky.calls) == 2


def test_a_full_batch_continues_in_a_new_task(
    huey, clock, emit_committed, group_writer, monkeypatch
):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    email = group_writer("order.placed", label="email")
    events = [emit_committed("order.placed", {"n": n}) for n in range(3)]
    huey.flush()  # drop the three wake-ups: one task must be enough

    huey.enqueue(dispatch_outbox_task.s())
    _run_next(huey)
    delivered_by_first = len(email.calls)
    follow_up = huey.pending()
    _run_next(huey)

    assert delivered_by_first == 2
    assert [type(task) for task in follow_up] == [dispatch_outbox_task.task_class]
    assert sorted(email.groups()) == sorted(email.group_name(e.id) for e in events)
    assert huey.pending_count() == 0
