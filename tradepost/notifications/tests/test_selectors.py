"""Staff-console reads of the outbox."""

import pytest
from django.conf import settings

from tradepost.notifications import registry, selectors
from tradepost.notifications.dispatcher import dispatch_due
from tradepost.notifications.models import OutboxDelivery

pytestmark = pytest.mark.django_db


def _fail(event):
    raise TimeoutError("seller endpoint timed out")


def test_count_pending_includes_deliveries_waiting_for_a_retry(clock, emit_committed):
    registry.register("order.placed", _fail, name="webhooks.seller")
    registry.register("order.placed", lambda event: None, name="emails.buyer")
    emit_committed("order.placed", {})
    emit_committed("order.placed", {})

    before = selectors.count_pending()
    dispatch_due(now=clock.now())

    assert (before, selectors.count_pending()) == (4, 2)


def test_dead_letters_newest_first_with_their_event_in_one_query(
    clock, emit_committed, django_assert_num_queries
):
    registry.register("order.placed", _fail, name="webhooks.seller")
    older = emit_committed("order.placed", {})
    newer = emit_committed("order.placed", {}, now=clock.advance(minutes=5))
    OutboxDelivery.objects.update(attempts=settings.OUTBOX_MAX_ATTEMPTS - 1)
    dispatch_due(now=clock.now(), limit=1)
    dispatch_due(now=clock.advance(minutes=1))

    with django_assert_num_queries(1):
        rows = [(d.event.id, d.event.topic, d.last_error) for d in selectors.list_dead_letters()]

    assert rows == [
        (newer.id, "order.placed", "TimeoutError: seller endpoint timed out"),
        (older.id, "order.placed", "TimeoutError: seller endpoint timed out"),
    ]
