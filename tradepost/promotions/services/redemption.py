"""Coupons at checkout: look codes up, take a use of each in the order's transaction, give the
uses back when the checkout is cancelled before it is paid.

Usage limits hold under concurrency: a use is taken by one conditional UPDATE
(`uses < max_uses`), which also locks the coupon row on PostgreSQL until the transaction ends,
so the per-buyer count that follows sees every committed use of that buyer (SQLite serialises
writers with BEGIN IMMEDIATE).
"""

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Upper

from tradepost.promotions.discounts import is_running
from tradepost.promotions.errors import (
    CouponLimitReached,
    CouponNotActive,
    CouponNotFound,
    CouponUsedUp,
    InvalidCouponCombination,
)
from tradepost.promotions.models import Coupon, CouponRedemption

MAX_CODES = 10  # more codes than any valid combination needs


def normalise_code(code: str) -> str:
    return str(code).strip().upper()


def lookup_coupons(codes: list[str], *, now: dt.datetime) -> list[Coupon]:
    """The coupons for `codes` (any case, duplicates collapse) in the order given, with `store`
    and `stores` loaded. Raises CouponNotFound, CouponNotActive, InvalidCouponCombination."""
    wanted = list(dict.fromkeys(c for c in map(normalise_code, codes) if c))
    if len(wanted) > MAX_CODES:
        raise InvalidCouponCombination()
    if not wanted:
        return []
    found = {
        coupon.code.upper(): coupon
        for coupon in Coupon.objects.alias(code_upper=Upper("code"))
        .filter(code_upper__in=wanted)
        .select_related("store")
        .prefetch_related("stores")
    }
    coupons = []
    for code in wanted:
        coupon = found.get(code)
        if coupon is None:
            raise CouponNotFound(code)
        if not is_running(coupon, now):
            raise CouponNotActive(coupon.code)
        coupons.append(coupon)
    _check_combination(coupons)
    return coupons


def _check_combination(coupons: list[Coupon]) -> None:
    owners = [coupon.store_id for coupon in coupons]  # None: the platform
    if len(owners) != len(set(owners)):
        raise InvalidCouponCombination()


def redeem_coupons(
    *, redemptions: list[tuple[Coupon, int]], buyer, checkout_id: int, now: dt.datetime
) -> list[CouponRedemption]:
    """Take one use of each coupon for `checkout_id` (`int` is the discount in the checkout's
    currency). Runs inside the caller's transaction; on an error nothing of it stays.

    Raises CouponUsedUp (every use taken), CouponLimitReached (this buyer's uses taken),
    CouponNotActive. A coupon already redeemed for this checkout is skipped (a repeat)."""
    created = []
    with transaction.atomic():
        for coupon, discount_minor in sorted(redemptions, key=lambda pair: pair[0].pk):
            redemption = _redeem_one(coupon, discount_minor, buyer, checkout_id, now)
            if redemption is not None:
                created.append(redemption)
    return created


def _redeem_one(coupon, discount_minor: int, buyer, checkout_id: int, now) -> CouponRedemption:
    if CouponRedemption.objects.filter(coupon=coupon, checkout_id=checkout_id).exists():
        return None
    taken = (
        Coupon.objects.filter(pk=coupon.pk, is_active=True, starts_at__lte=now, ends_at__gt=now)
        .filter(Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses")))
        .update(uses=F("uses") + 1)
    )
    if not taken:
        current = Coupon.objects.filter(pk=coupon.pk).first()
        if current is None or not is_running(current, now):
            raise CouponNotActive(coupon.code)
        raise CouponUsedUp(coupon.code)
    # The row is ours until commit: this count sees every other committed use by the buyer.
    used = CouponRedemption.objects.filter(coupon=coupon, buyer=buyer).count()
    if used >= coupon.max_uses_per_buyer:
        raise CouponLimitReached(coupon.code)
    return CouponRedemption.objects.create(
        coupon=coupon,
        buyer=buyer,
        checkout_id=checkout_id,
        discount_minor=discount_minor,
        created_at=now,
    )


def release_coupon_redemptions(*, checkout_id: int) -> int:
    """Give back the uses taken for `checkout_id`; returns how many. A second call (or a
    concurrent one) finds nothing left to give back."""
    released = 0
    with transaction.atomic():
        rows = CouponRedemption.objects.filter(checkout_id=checkout_id).order_by("coupon_id")
        for redemption in rows:
            deleted, _ = CouponRedemption.objects.filter(pk=redemption.pk).delete()
            if deleted:
                Coupon.objects.filter(pk=redemption.coupon_id, uses__gt=0).update(
                    uses=F("uses") - 1
                )
                released += 1
    return released
