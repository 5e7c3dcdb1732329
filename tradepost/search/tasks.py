"""Worker side of search: flush the queue after each change, a sweep each minute, and a nightly
rebuild (store prices are normalised at the day's exchange rates)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from tradepost.search import services


@db_task()
def flush_queue_task() -> None:
    if services.flush_queue() >= services.FLUSH_LIMIT:
        flush_queue_task()  # more is waiting: continue in a fresh task


@db_periodic_task(crontab(minute="*"))
def sweep_queue() -> None:
    services.flush_queue()


@db_periodic_task(crontab(minute="30", hour="3"))
def nightly_rebuild() -> None:
    services.rebuild()
