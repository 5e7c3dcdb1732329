"""`emit()`: record an event in the caller's transaction (DESIGN.md §4, RELIABILITY.md §5).

The rows are the record: if the transaction rolls back, the event never existed; if it commits,
the dispatcher delivers it even when the wake-up below is lost (the periodic sweep finds it).
"""

import datetime as dt
from typing import Any

from django.db import transaction

from tradepost import clock
from tradepost.notifications import registry
from tradepost.notifications.models import OutboxDelivery, OutboxEvent
from tradepost.notifications.tasks import dispatch_outbox_task


class EmitOutsideTransaction(RuntimeError):
    """emit() was called in autocommit mode, where the event could outlive a failed change."""


def emit(topic: str, payload: dict[str, Any], *, now: dt.datetime | None = None) -> OutboxEvent:
    if not transaction.get_connection().in_atomic_block:
        raise EmitOutsideTransaction(f"emit({topic!r}) must run inside transaction.atomic()")
    now = now or clock.now()
    event = OutboxEvent.objects.create(topic=topic, payload=payload, created_at=now)
    handlers = registry.handler_names(topic)
    OutboxDelivery.objects.bulk_create(
        OutboxDelivery(event=event, handler=name, next_attempt_at=now) for name in handlers
    )
    if handlers:
        # Only a nudge so delivery starts at once; robust: a broker outage must not fail a
        # request whose change has already committed.
        transaction.on_commit(_wake_dispatcher, robust=True)
    return event


def _wake_dispatcher() -> None:
    dispatch_outbox_task()
