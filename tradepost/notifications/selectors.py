"""Reads of the outbox for the staff console (not tenant data: no actor to scope by)."""

from django.db.models import QuerySet

from tradepost.notifications.models import OutboxDelivery


def count_pending() -> int:
    """Deliveries not yet delivered nor given up, whether due now or waiting for a retry."""
    return OutboxDelivery.objects.pending().count()


def list_dead_letters() -> QuerySet[OutboxDelivery]:
    """Deliveries that reached OUTBOX_MAX_ATTEMPTS, most recent first."""
    return (
        OutboxDelivery.objects.dead_letters().select_related("event").order_by("-gave_up_at", "-id")
    )
