"""Every write of coupons and flash deals (DESIGN.md §3), and the interfaces checkout calls.

Checkout: `lookup_coupons`, `redeem_coupons`, `release_coupon_redemptions`, `active_deals`,
`take_deal_units`, `return_deal_units` (the discount math is in `promotions.discounts`).
Sellers act on their own store (another store's coupon, deal or variant is not found); staff
need the `promotions.manage_promotions` permission.
"""

from tradepost.promotions.selectors import active_deals
from tradepost.promotions.services.coupons import (
    MANAGE_PERMISSION,
    CouponInput,
    create_coupon_for_store,
    create_platform_coupon,
    deactivate_coupon_for_store,
    deactivate_platform_coupon,
    require_promotions_staff,
    update_coupon_for_store,
    update_platform_coupon,
)
from tradepost.promotions.services.deal_units import return_deal_units, take_deal_units
from tradepost.promotions.services.deals import (
    FlashDealInput,
    cancel_flash_deal_as_staff,
    cancel_flash_deal_for_store,
    create_flash_deal_as_staff,
    create_flash_deal_for_store,
)
from tradepost.promotions.services.redemption import (
    lookup_coupons,
    redeem_coupons,
    release_coupon_redemptions,
)

__all__ = [
    "MANAGE_PERMISSION",
    "CouponInput",
    "FlashDealInput",
    "active_deals",
    "cancel_flash_deal_as_staff",
    "cancel_flash_deal_for_store",
    "create_coupon_for_store",
    "create_flash_deal_as_staff",
    "create_flash_deal_for_store",
    "create_platform_coupon",
    "deactivate_coupon_for_store",
    "deactivate_platform_coupon",
    "lookup_coupons",
    "redeem_coupons",
    "release_coupon_redemptions",
    "require_promotions_staff",
    "return_deal_units",
    "take_deal_units",
    "update_coupon_for_store",
    "update_platform_coupon",
]
