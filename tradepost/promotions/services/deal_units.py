"""Flash-deal units at checkout: one conditional UPDATE takes them, so a deal is never oversold
(`sold <= quantity` is also a database constraint)."""

import datetime as dt

from django.db.models import F, Q
from django.db.models.functions import Greatest

from tradepost import clock
from tradepost.promotions.errors import InvalidFlashDeal
from tradepost.promotions.models import FlashDeal


def take_deal_units(*, deal_id: int, quantity: int, now: dt.datetime | None = None) -> bool:
    """Count `quantity` units as sold at the deal price; False (nothing changed) when the deal
    has fewer units left, is not running at `now` (default: the clock), or allows fewer units
    per order."""
    _check_quantity(quantity)
    now = now or clock.now()
    taken = (
        FlashDeal.objects.filter(
            pk=deal_id,
            is_cancelled=False,
            starts_at__lte=now,
            ends_at__gt=now,
            sold__lte=F("quantity") - quantity,
        )
        .filter(Q(max_per_order__isnull=True) | Q(max_per_order__gte=quantity))
        .update(sold=F("sold") + quantity)
    )
    return taken == 1


def return_deal_units(*, deal_id: int, quantity: int) -> None:
    """Give back units of a cancelled or expired order (the count never drops below 0)."""
    _check_quantity(quantity)
    FlashDeal.objects.filter(pk=deal_id).update(sold=Greatest(F("sold") - quantity, 0))


def _check_quantity(quantity: int) -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise InvalidFlashDeal(fields={"quantity": [str(InvalidFlashDeal.default_message)]})
