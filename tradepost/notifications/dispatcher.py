"""Deliver due outbox events to their handlers, each delivery in its own transaction.

Locking the delivery, running the handler and marking the delivery delivered share ONE
transaction, so a handler's database writes and the "delivered" mark commit together: a crash
before the commit undoes both and the delivery runs again; after it, the delivery never runs again.
Effects outside the database (an e-mail, an HTTP call) are at least once: handlers dedupe on the
event id.
"""

import datetime as dt
import logging
import zlib
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction

from tradepost.notifications import registry
from tradepost.notifications.models import OutboxDelivery

logger = logging.getLogger(__name__)

FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=1)
DELIVERED, FAILED, GAVE_UP = "delivered", "failed", "gave_up"


@dataclass(frozen=True)
class DispatchResult:
    delivered: int = 0
    failed: int = 0  # will be retried after its backoff
    gave_up: int = 0  # reached OUTBOX_MAX_ATTEMPTS: now a dead letter

    @property
    def attempted(self) -> int:
        return self.delivered + self.failed + self.gave_up


class UnknownHandler(LookupError):
    """The delivery names a handler this process has not registered (renamed, or not imported)."""


class HandlerBrokeTransaction(RuntimeError):
    """The handler swallowed a database error outside its own atomic(): its writes are lost."""


def dispatch_due(*, now: dt.datetime, limit: int = 100) -> DispatchResult:
    due = OutboxDelivery.objects.due(now).order_by("next_attempt_at", "id")
    outcomes = Counter()
    for delivery_id in list(due.values_list("id", flat=True)[:limit]):
        try:
            outcomes[_attempt(delivery_id, now=now)] += 1
        except DatabaseError:
            # Lock timeout, deadlock, lost connection: the row stays pending for the next sweep.
            logger.exception("outbox delivery %s could not be attempted", delivery_id)
    return DispatchResult(
        delivered=outcomes[DELIVERED], failed=outcomes[FAILED], gave_up=outcomes[GAVE_UP]
    )


def retry_delay(attempts: int, *, key: object) -> dt.timedelta:
    """30 s · 2^(attempts-1), capped at 1 h, plus up to 10% jitter fixed by `key` and attempts.

    The jitter spreads a burst of failures (one outage fails many deliveries at once) while
    staying reproducible, so tests can compute the exact retry time.
    """
    base = min(FIRST_RETRY * 2 ** min(attempts - 1, 16), LONGEST_RETRY)
    jitter = zlib.crc32(f"{key}:{attempts}".encode()) % 100 / 1000
    return base * (1 + jitter)


def _attempt(delivery_id: int, *, now: dt.datetime) -> str | None:
    with transaction.atomic():
        # PostgreSQL: lock this row only (not the shared event row) and skip rows another worker
        # holds. SQLite ignores FOR UPDATE: its IMMEDIATE transactions already serialise writers.
        delivery = (
            OutboxDelivery.objects.due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("event")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None  # taken, or finished, by another worker since we listed it
        delivery.attempts += 1
        try:
            with transaction.atomic():  # a savepoint: a failing handler's writes are undone
                _run_handler(delivery)
                if transaction.get_rollback():
                    # Django would silently roll the savepoint back: never mark that delivered.
                    raise HandlerBrokeTransaction("a database error was caught inside the handler")
        except Exception as exc:
            return _record_failure(delivery, exc, now=now)
        delivery.delivered_at = now
        delivery.save(update_fields=["attempts", "delivered_at"])
        return DELIVERED


def _run_handler(delivery: OutboxDelivery) -> None:
    handler = registry.get_handler(delivery.handler)
    if handler is None:
        raise UnknownHandler(f"no outbox handler is registered as {delivery.handler!r}")
    event = delivery.event
    handler(
        registry.Event(
            id=event.id, topic=event.topic, payload=event.payload, created_at=event.created_at
        )
    )


def _record_failure(delivery: OutboxDelivery, exc: Exception, *, now: dt.datetime) -> str:
    delivery.last_error = _describe(exc)
    if delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        delivery.gave_up_at = now
        outcome = GAVE_UP
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts, key=delivery.pk)
        outcome = FAILED
    delivery.save(update_fields=["attempts", "last_error", "next_attempt_at", "gave_up_at"])
    logger.warning(
        "outbox handler %s failed on event %s (attempt %d, %s)",
        delivery.handler,
        delivery.event_id,
        delivery.attempts,
        outcome,
        exc_info=exc,
    )
    return outcome


def _describe(exc: Exception) -> str:
    """Class and message on one line, no traceback: this is shown to staff in the console."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    limit = OutboxDelivery._meta.get_field("last_error").max_length
    return text if len(text) <= limit else text[: limit - 1] + "…"
