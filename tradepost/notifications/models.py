"""The transactional outbox (DESIGN.md §4, RELIABILITY.md §5).

An `OutboxEvent` is written in the same transaction as the change it describes; each handler
registered for its topic gets one `OutboxDelivery` that the dispatcher works through, with its own
attempts, backoff and dead-letter mark. A delivery is pending while it is neither delivered nor
given up.
"""

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

PENDING = Q(delivered_at__isnull=True, gave_up_at__isnull=True)


class OutboxEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    topic = models.CharField(max_length=100)
    payload = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="outbox_event_created")]

    def __str__(self) -> str:
        return f"{self.topic} {self.id}"


class OutboxDeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(PENDING)

    def due(self, now):
        return self.filter(PENDING, next_attempt_at__lte=now)

    def dead_letters(self):
        return self.filter(gave_up_at__isnull=False)


class OutboxDelivery(models.Model):
    # The unique (event, handler) constraint already indexes event_id first: no separate FK index.
    event = models.ForeignKey(
        OutboxEvent, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    handler = models.CharField(max_length=200)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    objects = OutboxDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "outbox deliveries"
        constraints = [
            models.UniqueConstraint(fields=["event", "handler"], name="outbox_delivery_once"),
        ]
        indexes = [
            # The dispatcher's query: pending rows by due time. Partial, so it stays small.
            models.Index(fields=["next_attempt_at"], condition=PENDING, name="outbox_due"),
            models.Index(
                fields=["gave_up_at"], condition=Q(gave_up_at__isnull=False), name="outbox_dead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.handler} ← {self.event_id}"
