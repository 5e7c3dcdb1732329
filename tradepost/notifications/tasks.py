"""Background entry points of the outbox: a wake-up after each commit, and a sweep every minute.

The sweep is the safety net: it delivers events whose wake-up was lost (a crash between commit and
enqueue, a broker outage) and retries deliveries whose backoff has elapsed.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tradepost import clock
from tradepost.notifications.dispatcher import dispatch_due

BATCH_SIZE = 100


@db_task()
def dispatch_outbox_task() -> None:
    _dispatch_batch()


@db_periodic_task(crontab(minute="*"))
def sweep_outbox() -> None:
    _dispatch_batch()


def _dispatch_batch() -> None:
    result = dispatch_due(now=clock.now(), limit=BATCH_SIZE)
    if result.attempted >= BATCH_SIZE:
        # More may be due: continue in a fresh task so other queued work gets a turn meanwhile.
        dispatch_outbox_task()
