"""Test factories for coupons and flash deals: rows straight through the ORM, sensible defaults.

coupon = make_coupon(code="SAVE10", percent_bps=1000)            # a platform coupon, 10 %
coupon = make_coupon(store=store, amount_minor=500, currency="EUR")  # a seller's 5.00 EUR off
deal = make_deal(variant, deal_price_minor=500, quantity=10)     # running for a day from now
"""

import datetime as dt
import itertools

from tradepost import clock
from tradepost.promotions.models import Coupon, CouponKind, FlashDeal, FundedBy

_serial = itertools.count(1)


def make_coupon(  # noqa: PLR0913 - a factory: every field is optional
    *,
    code: str | None = None,
    store=None,
    stores=(),
    percent_bps: int = 0,
    amount_minor: int = 0,
    currency: str = "EUR",
    min_spend_minor: int = 0,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    max_uses: int | None = None,
    max_uses_per_buyer: int = 1,
    funded_by: str | None = None,
    is_active: bool = True,
    uses: int = 0,
) -> Coupon:
    """Percent when `percent_bps` is given, else fixed (`amount_minor`, default 5.00)."""
    now = clock.now()
    kind = CouponKind.PERCENT if percent_bps else CouponKind.FIXED
    coupon = Coupon.objects.create(
        code=(code or f"CODE{next(_serial)}").upper(),
        store=store,
        kind=kind,
        percent_bps=percent_bps,
        amount_minor=0 if percent_bps else (amount_minor or 500),
        currency=currency,
        min_spend_minor=min_spend_minor,
        starts_at=starts_at or now - dt.timedelta(days=1),
        ends_at=ends_at or now + dt.timedelta(days=30),
        max_uses=max_uses,
        max_uses_per_buyer=max_uses_per_buyer,
        funded_by=funded_by or (FundedBy.SELLER if store else FundedBy.PLATFORM),
        is_active=is_active,
        uses=uses,
        created_at=now,
    )
    if stores:
        coupon.stores.set(stores)
    return coupon


def make_deal(
    variant,
    *,
    deal_price_minor: int | None = None,
    quantity: int = 10,
    sold: int = 0,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    max_per_order: int | None = None,
    is_cancelled: bool = False,
) -> FlashDeal:
    now = clock.now()
    return FlashDeal.objects.create(
        variant=variant,
        deal_price_minor=deal_price_minor or max(variant.price_minor // 2, 1),
        quantity=quantity,
        sold=sold,
        max_per_order=max_per_order,
        starts_at=starts_at or now - dt.timedelta(minutes=5),
        ends_at=ends_at or now + dt.timedelta(days=1),
        is_cancelled=is_cancelled,
        created_at=now,
    )
