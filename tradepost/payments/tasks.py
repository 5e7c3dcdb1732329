"""Worker side of payments: reconciliation, each minute. A payment still open some minutes after
it was made is looked up at its gateway; one the gateway reports paid is applied as its webhook
would have been (a safety net for webhooks lost on the way; applying twice changes nothing)."""

import datetime as dt

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tradepost import clock
from tradepost.payments import services, settlement
from tradepost.payments.gateways.base import ChargeStatus, GatewayError
from tradepost.payments.models import PaymentIntent
from tradepost.payments.states import PaymentStatus

BATCH = 100


def reconcile_open_payments(*, now: dt.datetime, limit: int = BATCH) -> int:
    """Apply every open payment the gateway reports succeeded; return how many changed."""
    cutoff = now - dt.timedelta(minutes=settings.PAYMENT_RECONCILE_AFTER_MINUTES)
    rows = PaymentIntent.objects.filter(
        status__in=[PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION],
        status_changed_at__lt=cutoff,
    ).exclude(gateway_ref="")
    changed = 0
    for intent in rows.order_by("status_changed_at")[:limit]:
        try:
            state = services.retrieve(intent)
        except (GatewayError, services.errors.PaymentGatewayFailed):
            continue
        if state.status == ChargeStatus.SUCCEEDED:
            changed += settlement.apply_succeeded(intent=intent, card=state.card, now=now)
    return changed


@db_periodic_task(crontab(minute="*"))
def reconcile_open_payments_task() -> None:
    reconcile_open_payments(now=clock.now())
