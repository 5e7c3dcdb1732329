"""Reads of coupons and flash deals shared by pages, the API and checkout.

Seller reads take the acting store: another store's coupon or deal is "not found"."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, QuerySet

from tradepost.catalog.errors import VariantNotFound
from tradepost.catalog.models import Variant
from tradepost.promotions.errors import CouponNotFound, FlashDealNotFound
from tradepost.promotions.models import Coupon, FlashDeal
from tradepost.sellers.models import Store


def active_deals(variant_ids: Iterable[int], *, now: dt.datetime) -> dict[int, FlashDeal]:
    """{variant_id: deal} for the variants with a running deal that has units left; one query."""
    ids = list(set(variant_ids))
    if not ids:
        return {}
    deals = running_deals(now).filter(variant_id__in=ids, sold__lt=F("quantity"))
    return {deal.variant_id: deal for deal in deals}


def running_deals(now: dt.datetime) -> QuerySet[FlashDeal]:
    return FlashDeal.objects.filter(is_cancelled=False, starts_at__lte=now, ends_at__gt=now)


def product_has_deal(product_id: int, *, now: dt.datetime) -> bool:
    """Whether a variant of the product has a deal running or still to come (the cached product
    page then loads the live deal box)."""
    return FlashDeal.objects.filter(
        variant__product_id=product_id, is_cancelled=False, ends_at__gt=now
    ).exists()


def deals_for_product(product_id: int, *, now: dt.datetime) -> list[FlashDeal]:
    """Running deals of the product's active variants, sold-out ones included (the box says so)."""
    return list(
        running_deals(now)
        .filter(variant__product_id=product_id, variant__is_active=True)
        .select_related("variant")
        .order_by("variant__position", "variant_id")
    )


# --- coupons --------------------------------------------------------------------------------------


def list_coupons_for_store(*, store: Store) -> QuerySet[Coupon]:
    return Coupon.objects.filter(store=store).order_by("-created_at", "-id")


def get_coupon_for_store(*, store: Store, public_id: str) -> Coupon:
    coupon = Coupon.objects.filter(store=store, public_id=public_id).first()
    if coupon is None:
        raise CouponNotFound()
    return coupon


def list_platform_coupons() -> QuerySet[Coupon]:
    return (
        Coupon.objects.filter(store__isnull=True)
        .prefetch_related("stores")
        .order_by("-created_at", "-id")
    )


def get_platform_coupon(*, public_id: str) -> Coupon:
    coupon = Coupon.objects.filter(store__isnull=True, public_id=public_id).first()
    if coupon is None:
        raise CouponNotFound()
    return coupon


# --- flash deals ----------------------------------------------------------------------------------


def _deals() -> QuerySet[FlashDeal]:
    return FlashDeal.objects.select_related(
        "variant", "variant__product", "variant__store"
    ).order_by("-starts_at", "-id")


def list_deals_for_store(*, store: Store) -> QuerySet[FlashDeal]:
    return _deals().filter(variant__store=store)


def get_deal_for_store(*, store: Store, public_id: str) -> FlashDeal:
    deal = _deals().filter(variant__store=store, public_id=public_id).first()
    if deal is None:
        raise FlashDealNotFound()
    return deal


def list_all_deals() -> QuerySet[FlashDeal]:
    return _deals()


def get_deal(*, public_id: str) -> FlashDeal:
    deal = _deals().filter(public_id=public_id).first()
    if deal is None:
        raise FlashDealNotFound()
    return deal


def get_variant_for_store(*, store: Store | None, public_id: str, lock: bool = False) -> Variant:
    """An active variant of `store` (any store when None: staff), optionally locked."""
    variants = Variant.objects.select_related("product", "store").filter(
        public_id=public_id, is_active=True
    )
    if store is not None:
        variants = variants.filter(store=store)
    if lock:
        variants = variants.select_for_update(of=("self",))
    variant = variants.first()
    if variant is None:
        raise VariantNotFound()
    return variant
