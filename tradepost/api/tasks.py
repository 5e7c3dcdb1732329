"""Background entry points of the API layer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradepost import clock
from tradepost.api import services


@db_periodic_task(crontab(minute="17"))
def sweep_idempotency_keys() -> None:
    """Hourly: forget idempotency keys older than IDEMPOTENCY_KEY_TTL_HOURS."""
    services.sweep_idempotency_keys(now=clock.now())
