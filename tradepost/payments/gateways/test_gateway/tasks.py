"""The test processor's webhook sender: one task per event, retried with a pause while the
merchant's endpoint does not answer 2xx (real processors retry for days)."""

from huey.contrib.djhuey import db_task

from tradepost import clock
from tradepost.payments.gateways.test_gateway import delivery


@db_task(retries=20, retry_delay=30)
def deliver_webhook(webhook_id: int) -> None:
    delivery.deliver(webhook_id, now=clock.now())
