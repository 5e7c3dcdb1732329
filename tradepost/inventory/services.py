"""Reserving, selling and releasing stock (RELIABILITY.md §6).

`reserve` is one conditional decrement per line (`stock >= quantity` in the UPDATE's WHERE): it
holds under concurrency on PostgreSQL (the row lock makes racers re-check the condition) and on
SQLite (one writer at a time). Lines are taken in variant-id order so that two checkouts sharing
SKUs lock them in the same order and cannot deadlock. Releasing is idempotent: only a reservation
still `reserved` (or `sold`, for a cancelled paid order) returns its units, once.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from tradepost.catalog.models import Variant
from tradepost.catalog.services import products as catalog
from tradepost.inventory.errors import OutOfStock
from tradepost.inventory.models import Reservation, ReservationStatus


@dataclass(frozen=True)
class Hold:
    order_line_id: int
    variant_id: int
    sku: str
    quantity: int


def reserve(*, holds: Iterable[Hold], now: dt.datetime) -> None:
    """Take every hold's units from available stock, or raise OutOfStock (the caller's
    transaction then rolls back every hold already taken)."""
    holds = sorted(holds, key=lambda hold: (hold.variant_id, hold.order_line_id))
    # The rows first, the contended decrements last: a variant's row stays locked (PostgreSQL)
    # from its decrement to the commit, so nothing else should happen in between.
    Reservation.objects.bulk_create(
        Reservation(
            variant_id=hold.variant_id,
            order_line_id=hold.order_line_id,
            quantity=hold.quantity,
            created_at=now,
        )
        for hold in holds
    )
    for hold in holds:
        taken = Variant.objects.filter(pk=hold.variant_id, stock__gte=hold.quantity).update(
            stock=F("stock") - hold.quantity
        )
        if not taken:
            raise OutOfStock(sku=hold.sku)
    sold_out = Variant.objects.filter(pk__in={hold.variant_id for hold in holds}, stock=0)
    catalog.availability_changed(list(sold_out.values_list("product_id", flat=True)))


def mark_sold(*, order_line_ids: list[int], now: dt.datetime) -> int:
    """Reserved units become sold (the order is paid). Idempotent."""
    return Reservation.objects.filter(
        order_line_id__in=order_line_ids, status=ReservationStatus.RESERVED
    ).update(status=ReservationStatus.SOLD, settled_at=now)


def release(*, order_line_ids: list[int], now: dt.datetime) -> int:
    """Units of reserved or sold (not yet shipped) lines go back to available stock, once.
    Returns the units released."""
    with transaction.atomic():
        held = list(
            Reservation.objects.select_for_update()
            .filter(
                order_line_id__in=order_line_ids,
                status__in=[ReservationStatus.RESERVED, ReservationStatus.SOLD],
            )
            .order_by("variant_id", "id")
        )
        released, back = 0, set()
        for reservation in held:
            # The status condition makes a concurrent second release a no-op.
            changed = Reservation.objects.filter(
                pk=reservation.pk, status=reservation.status
            ).update(status=ReservationStatus.RELEASED, settled_at=now)
            if changed:
                Variant.objects.filter(pk=reservation.variant_id).update(
                    stock=F("stock") + reservation.quantity
                )
                released += reservation.quantity
                back.add(reservation.variant_id)
        back_in_stock = Variant.objects.filter(pk__in=back).values_list("product_id", flat=True)
        catalog.availability_changed(list(back_in_stock))
        return released
