"""Reads of coupons and flash deals shared by pages, the API and checkout.

Seller reads take the acting store: another store's coupon or deal is "not found"."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, Prefetch, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from tradepost.catalog.errors import VariantNotFound
from tradepost.catalog.models import ProductTranslation, Variant
from tradepost.catalog.selectors import resolve_translation
from tradepost.catalog.states import ProductStatus
from tradepost.promotions.errors import CouponNotFound, FlashDealNotFound
from tradepost.promotions.models import Coupon, FlashDeal
from tradepost.sellers.models import Store
from tradepost.sellers.states import SellerStatus


class Status(TextChoices):
    """Where a coupon or deal stands at a moment (computed, not stored)."""

    RUNNING = "running", _("Running")
    SCHEDULED = "scheduled", _("Scheduled")
    ENDED = "ended", _("Ended")
    SOLD_OUT = "sold_out", _("Sold out")
    USED_UP = "used_up", _("Used up")
    OFF = "off", _("Switched off")
    CANCELLED = "cancelled", _("Cancelled")


def coupon_status(coupon: Coupon, now: dt.datetime) -> Status:
    if not coupon.is_active:
        return Status.OFF
    if coupon.max_uses is not None and coupon.uses >= coupon.max_uses:
        return Status.USED_UP
    return _window_status(coupon.starts_at, coupon.ends_at, now)


def deal_status(deal: FlashDeal, now: dt.datetime) -> Status:
    if deal.is_cancelled:
        return Status.CANCELLED
    if deal.sold >= deal.quantity:
        return Status.SOLD_OUT
    return _window_status(deal.starts_at, deal.ends_at, now)


def _window_status(starts_at, ends_at, now) -> Status:
    if now < starts_at:
        return Status.SCHEDULED
    return Status.RUNNING if now < ends_at else Status.ENDED


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
    return (
        FlashDeal.objects.select_related("variant", "variant__product", "variant__store")
        .prefetch_related(_variant_titles())
        .order_by("-starts_at", "-id")
    )


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


def _titles() -> QuerySet[ProductTranslation]:
    return ProductTranslation.objects.only("product_id", "language", "title")


def _variant_titles() -> Prefetch:
    return Prefetch("variant__product__translations", queryset=_titles())


def variant_title(variant: Variant, language: str) -> str:
    """ "Pocket phone · Colour: Red (SKU-1)": needs the product's translations prefetched."""
    product = variant.product
    shown = resolve_translation(product.translations.all(), language, product.original_language)
    options = ", ".join(f"{name}: {value}" for name, value in variant.options.items())
    parts = [shown.title if shown else product.public_id, options]
    return f"{' · '.join(p for p in parts if p)} ({variant.sku})"


def variant_choices_for_store(*, store: Store, language: str) -> list[tuple[str, str]]:
    """(public id, title) of the store's variants that can go on a deal, in two queries."""
    variants = (
        Variant.objects.filter(store=store, is_active=True)
        .exclude(product__status=ProductStatus.REMOVED)
        .select_related("product")
        .prefetch_related(Prefetch("product__translations", queryset=_titles()))
        .order_by("product__created_at", "product_id", "position", "id")
    )
    return [(v.public_id, variant_title(v, language)) for v in variants]


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


def stores_by_slug(slugs: Iterable[str]) -> tuple[list[Store], list[str]]:
    """(stores found, slugs not found) for a staff member's list of store addresses."""
    wanted = list(dict.fromkeys(s.strip().lower() for s in slugs if s.strip()))
    found = {store.slug: store for store in Store.objects.filter(slug__in=wanted)}
    return [found[s] for s in wanted if s in found], [s for s in wanted if s not in found]


def running_deals_for_public_product(public_id: str, *, now: dt.datetime) -> list[FlashDeal]:
    """Running deals (sold-out ones too) of a public product's active variants: the live deal
    box of the product page. One query."""
    return list(
        running_deals(now)
        .filter(
            variant__product__public_id=public_id,
            variant__product__status=ProductStatus.ACTIVE,
            variant__store__seller__status=SellerStatus.VERIFIED,
            variant__is_active=True,
        )
        .select_related("variant", "variant__product", "variant__store")
        .order_by("variant__position", "variant_id")
    )
