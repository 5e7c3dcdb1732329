"""Stock reservations: one row per order line, the record of where each reserved unit went.

A variant's `stock` column (catalog) is the count buyers can still take: `available`. Placing an
order moves units from available into a reservation in the same transaction, with one conditional
decrement (RELIABILITY.md §6). So for every SKU, at every moment,

    on_hand = available + reserved + sold

where reserved and sold are the sums of its reservations in those states, and on_hand only
changes when the seller restocks or counts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradepost.catalog.models import Variant


class ReservationStatus(models.TextChoices):
    RESERVED = "reserved", _("Reserved")
    SOLD = "sold", _("Sold")
    RELEASED = "released", _("Released")


class Reservation(models.Model):
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="reservations")
    # The order line it holds units for (orders.OrderLine.id; no FK: inventory does not import
    # orders, and the line is created in the same transaction).
    order_line_id = models.BigIntegerField(unique=True)
    quantity = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=ReservationStatus.choices, default=ReservationStatus.RESERVED
    )
    created_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["variant", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="reservation_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReservationStatus.values),
                name="reservation_status_valid",
            ),
        ]
