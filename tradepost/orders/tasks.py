"""Worker side of orders: the payment-deadline sweep each minute, the shipping-deadline and
protection sweeps every ten minutes."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradepost import clock
from tradepost.orders import services


@db_periodic_task(crontab(minute="*"))
def cancel_overdue_orders() -> None:
    while services.cancel_overdue_orders(now=clock.now()) == services.SWEEP_BATCH:
        pass


@db_periodic_task(crontab(minute="*/10"))
def sweep_unshipped_orders() -> None:
    while services.cancel_unshipped_orders(now=clock.now()) == services.SWEEP_BATCH:
        pass


@db_periodic_task(crontab(minute="*/10"))
def auto_confirm_due_orders() -> None:
    while services.auto_confirm_due_orders(now=clock.now()) == services.SWEEP_BATCH:
        pass
