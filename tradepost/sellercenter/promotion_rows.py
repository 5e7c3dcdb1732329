"""What the coupon and flash-deal tables show per row (seller center and staff console)."""

import dataclasses
import datetime as dt
from decimal import Decimal

from tradepost.money.money import Money
from tradepost.promotions import selectors
from tradepost.promotions.models import Coupon, CouponKind, FlashDeal


@dataclasses.dataclass
class CouponRow:
    coupon: Coupon
    status: selectors.Status
    amount: Money | None  # fixed coupons
    percent: Decimal | None  # percent coupons, e.g. Decimal("12.5")
    min_spend: Money | None
    can_deactivate: bool


@dataclasses.dataclass
class DealRow:
    deal: FlashDeal
    status: selectors.Status
    title: str
    price: Money
    deal_price: Money
    can_cancel: bool

    @property
    def units_left(self) -> int:
        return max(self.deal.quantity - self.deal.sold, 0)


def coupon_rows(coupons, now: dt.datetime) -> list[CouponRow]:
    return [_coupon_row(coupon, now) for coupon in coupons]


def _coupon_row(coupon: Coupon, now: dt.datetime) -> CouponRow:
    fixed = coupon.kind == CouponKind.FIXED
    return CouponRow(
        coupon=coupon,
        status=selectors.coupon_status(coupon, now),
        amount=Money(coupon.amount_minor, coupon.currency) if fixed else None,
        percent=None if fixed else (Decimal(coupon.percent_bps) / 100).normalize(),
        min_spend=Money(coupon.min_spend_minor, coupon.currency)
        if coupon.min_spend_minor
        else None,
        can_deactivate=coupon.is_active and now < coupon.ends_at,
    )


def deal_rows(deals, now: dt.datetime, language: str) -> list[DealRow]:
    return [
        DealRow(
            deal=deal,
            status=selectors.deal_status(deal, now),
            title=selectors.variant_title(deal.variant, language),
            price=Money(deal.variant.price_minor, deal.variant.store.settlement_currency),
            deal_price=Money(deal.deal_price_minor, deal.variant.store.settlement_currency),
            can_cancel=not deal.is_cancelled and now < deal.ends_at,
        )
        for deal in deals
    ]
