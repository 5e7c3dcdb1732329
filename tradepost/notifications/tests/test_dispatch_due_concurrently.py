"""Several workers dispatching at once (PostgreSQL: row locks with SKIP LOCKED) never duplicate."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from tradepost.notifications import registry
from tradepost.notifications.dispatcher import dispatch_due

WORKERS = 4


def _on_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.skipif(not _on_postgresql(), reason="SQLite runs one writer at a time by design")
@pytest.mark.django_db(transaction=True)
def test_concurrent_dispatchers_deliver_each_event_once(clock, emit_committed):
    # given: a slow handler, so that the workers overlap
    calls, calls_lock = [], threading.Lock()

    def slow_writer(event):
        with calls_lock:
            calls.append(event.id)
        time.sleep(0.01)
        Group.objects.create(name=f"slow:{event.id}")

    registry.register("order.placed", slow_writer, name="tests.slow_writer")
    events = [emit_committed("order.placed", {"n": n}) for n in range(20)]

    # when: four workers start dispatching at the same moment
    results, start = [], threading.Barrier(WORKERS)

    def worker():
        try:
            start.wait()
            results.append(dispatch_due(now=clock.now()))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    assert sorted(calls) == sorted(event.id for event in events)
    assert sum(result.delivered for result in results) == len(events)
    assert Group.objects.filter(name__startswith="slow:").count() == len(events)
