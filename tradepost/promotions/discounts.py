"""What a coupon takes off each seller group of a checkout, in the buyer's currency.

Pure apart from the exchange-rate look-ups (and the per-buyer count, a read): checkout calls
`coupon_discounts` for the review page and again when it places the order, and
`services.redeem_coupons` re-checks the limits under lock.

    percent: each eligible group gets round-half-even(items × bps / 10000)
    fixed:   the coupon's amount converted once (half-even) into the buyer's currency, capped at
             the eligible items, split across eligible groups in proportion to their items
"""

import datetime as dt
from dataclasses import dataclass

from tradepost.money import fx
from tradepost.money.money import Money, format_money
from tradepost.money.rounding import HALF_EVEN, divide
from tradepost.promotions.errors import (
    CouponLimitReached,
    CouponMinimumSpend,
    CouponNotActive,
    CouponNotApplicable,
)
from tradepost.promotions.models import Coupon, CouponKind, CouponRedemption

BPS = 10_000


@dataclass(frozen=True)
class GroupSubtotal:
    """One seller group of the checkout: its items' total in the buyer's currency."""

    store_id: int
    items_minor: int


def coupon_discounts(
    coupon: Coupon, *, groups: list[GroupSubtotal], currency: str, buyer, now: dt.datetime
) -> dict[int, int]:
    """{store_id: discount_minor} for each group the coupon applies to (0 when its items are 0).

    Raises CouponNotActive, CouponNotApplicable, CouponMinimumSpend, CouponLimitReached.
    """
    if not is_running(coupon, now):
        raise CouponNotActive(coupon.code)
    eligible = eligible_groups(coupon, groups)
    if not eligible:
        raise CouponNotApplicable(coupon.code)
    items = sum(group.items_minor for group in eligible)
    _check_minimum_spend(coupon, items, currency, now)
    if buyer is not None and used_by(coupon, buyer) >= coupon.max_uses_per_buyer:
        raise CouponLimitReached(coupon.code)
    if coupon.kind == CouponKind.PERCENT:
        return {
            group.store_id: percent_of(group.items_minor, coupon.percent_bps) for group in eligible
        }
    amount = _converted(coupon.amount_minor, coupon.currency, currency, now)
    return split(min(amount, items), eligible, currency)


def is_running(coupon: Coupon, now: dt.datetime) -> bool:
    return coupon.is_active and coupon.starts_at <= now < coupon.ends_at


def eligible_groups(coupon: Coupon, groups: list[GroupSubtotal]) -> list[GroupSubtotal]:
    """A seller coupon: its store's group. A platform coupon: every group, or those of
    `coupon.stores` when it lists some (prefetch `stores` to save a query per coupon)."""
    if coupon.store_id is not None:
        return [group for group in groups if group.store_id == coupon.store_id]
    allowed = {store.pk for store in coupon.stores.all()}
    if not allowed:
        return list(groups)
    return [group for group in groups if group.store_id in allowed]


def percent_of(items_minor: int, bps: int) -> int:
    """`bps` basis points of `items_minor`, half-even, never more than the items."""
    return min(divide(items_minor * bps, BPS, HALF_EVEN), items_minor)


def split(total_minor: int, groups: list[GroupSubtotal], currency: str) -> dict[int, int]:
    """`total_minor` across `groups` pro rata to their items (largest remainder); the parts sum
    to the total and none exceeds its group's items when the total does not exceed their sum."""
    ratios = [group.items_minor for group in groups]
    if total_minor <= 0 or sum(ratios) == 0:
        return {group.store_id: 0 for group in groups}
    parts = Money(total_minor, currency).allocate(ratios)
    return {group.store_id: part.minor for group, part in zip(groups, parts, strict=True)}


def used_by(coupon: Coupon, buyer) -> int:
    if not getattr(buyer, "is_authenticated", False):
        return 0
    return CouponRedemption.objects.filter(coupon=coupon, buyer=buyer).count()


def _converted(amount_minor: int, from_currency: str, to_currency: str, now: dt.datetime) -> int:
    """`amount_minor` of `from_currency` in `to_currency` at the newest rate on `now`'s date."""
    if from_currency == to_currency:
        return amount_minor
    money = Money(amount_minor, from_currency)
    return fx.convert(money, to_currency, on=now.date(), rounding=HALF_EVEN).money.minor


def _check_minimum_spend(coupon: Coupon, items_minor: int, currency: str, now: dt.datetime):
    if coupon.min_spend_minor <= 0:
        return
    coupon_currency = coupon.currency or currency
    minimum = _converted(coupon.min_spend_minor, coupon_currency, currency, now)
    if items_minor < minimum:
        shown = format_money(Money(coupon.min_spend_minor, coupon_currency))
        raise CouponMinimumSpend(coupon_code=coupon.code, minimum=shown)
