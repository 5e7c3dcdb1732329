"""Reads of stock positions."""

from django.db.models import Sum

from tradepost.catalog.models import Variant
from tradepost.inventory.models import Reservation, ReservationStatus


def position(variant_id: int) -> dict[str, int]:
    """available, reserved and sold units of a variant (on_hand is their sum)."""
    sums = dict(
        Reservation.objects.filter(variant_id=variant_id)
        .exclude(status=ReservationStatus.RELEASED)
        .values("status")
        .annotate(units=Sum("quantity"))
        .values_list("status", "units")
    )
    available = Variant.objects.values_list("stock", flat=True).get(pk=variant_id)
    reserved = sums.get(ReservationStatus.RESERVED, 0)
    sold = sums.get(ReservationStatus.SOLD, 0)
    return {
        "available": available,
        "reserved": reserved,
        "sold": sold,
        "on_hand": available + reserved + sold,
    }
