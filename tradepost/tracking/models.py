"""Shipments and their tracking events.

A Shipment is the parcel of one order: created when the seller ships it, with the carrier's code
(shipping.carriers) and the normalised tracking number, unique per carrier. TrackingEvents arrive
from carriers (signed webhook) or staff (CSV import); each carries the carrier's own event id,
unique per shipment, so a repeat is ignored. Events are listed by when they happened, not by when
they arrived.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradepost.orders.models import Order


class TrackingStatus(models.TextChoices):
    INFO_RECEIVED = "info_received", _("Label created")
    IN_TRANSIT = "in_transit", _("In transit")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    DELIVERED = "delivered", _("Delivered")
    EXCEPTION = "exception", _("Delivery problem")
    RETURNED = "returned", _("Returned to sender")


class EventSource(models.TextChoices):
    WEBHOOK = "webhook", _("Carrier webhook")
    CSV = "csv", _("CSV import")


class Shipment(models.Model):
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="shipment")
    carrier = models.CharField(max_length=20)  # shipping.carriers code, or "other"
    tracking_number = models.CharField(max_length=40)  # normalised (carriers.normalise)
    origin_country = models.CharField(max_length=2, blank=True)
    destination_country = models.CharField(max_length=2, blank=True)
    shipped_at = models.DateTimeField()
    # When the carrier says it delivered (the first "delivered" event's own time).
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_event_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "tracking_number"], name="shipment_carrier_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["origin_country", "destination_country", "carrier"]),
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"


class TrackingEvent(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    external_id = models.CharField(max_length=100)  # the carrier's event id
    occurred_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=TrackingStatus.choices)
    location = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=10, choices=EventSource.choices)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shipment", "external_id"], name="tracking_event_once_per_shipment"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TrackingStatus.values),
                name="tracking_event_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["shipment", "occurred_at"])]
