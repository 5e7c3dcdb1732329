"""Sellers (their own variants) and promotions staff (any variant) put a variant on a flash deal:
a lower price for a time window and a capped number of units.

Creating or cancelling a deal bumps the product's revision, so its cached page is rebuilt with
(or without) the live deal box.
"""

import dataclasses
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tradepost.catalog.services.products import touch
from tradepost.promotions import selectors
from tradepost.promotions.errors import FlashDealEnded, FlashDealOverlaps, InvalidFlashDeal
from tradepost.promotions.models import FlashDeal
from tradepost.promotions.services.coupons import require_promotions_staff
from tradepost.sellers.models import Store


@dataclasses.dataclass
class FlashDealInput:
    variant: str  # the variant's public id
    deal_price_minor: int  # in the store's settlement currency
    quantity: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    max_per_order: int | None = None


@transaction.atomic
def create_flash_deal_for_store(
    *, store: Store, actor, data: FlashDealInput, now: dt.datetime
) -> FlashDeal:
    """A deal on one of the store's own variants; another store's variant is not found."""
    variant = selectors.get_variant_for_store(store=store, public_id=data.variant, lock=True)
    return _create(variant, data, actor, now)


@transaction.atomic
def create_flash_deal_as_staff(*, staff, data: FlashDealInput, now: dt.datetime) -> FlashDeal:
    require_promotions_staff(staff)
    variant = selectors.get_variant_for_store(store=None, public_id=data.variant, lock=True)
    return _create(variant, data, staff, now)


def _create(variant, data: FlashDealInput, actor, now: dt.datetime) -> FlashDeal:
    # The variant row is locked (PostgreSQL; SQLite serialises writers), so two requests cannot
    # both pass the overlap check.
    _validate(variant, data, now)
    overlapping = FlashDeal.objects.filter(
        variant=variant, is_cancelled=False, starts_at__lt=data.ends_at, ends_at__gt=data.starts_at
    )
    if overlapping.exists():
        raise FlashDealOverlaps()
    deal = FlashDeal.objects.create(
        variant=variant,
        deal_price_minor=data.deal_price_minor,
        quantity=data.quantity,
        max_per_order=data.max_per_order,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        created_by=actor,
        created_at=now,
    )
    touch(variant.product, now)
    return deal


@transaction.atomic
def cancel_flash_deal_for_store(*, store: Store, public_id: str, now: dt.datetime) -> FlashDeal:
    deal = selectors.get_deal_for_store(store=store, public_id=public_id)
    return _cancel(deal, now)


@transaction.atomic
def cancel_flash_deal_as_staff(*, staff, public_id: str, now: dt.datetime) -> FlashDeal:
    require_promotions_staff(staff)
    return _cancel(selectors.get_deal(public_id=public_id), now)


def _cancel(deal: FlashDeal, now: dt.datetime) -> FlashDeal:
    """Stop the deal now; units already sold at the deal price stay sold. A repeat is a no-op."""
    if deal.is_cancelled:
        return deal
    if deal.ends_at <= now:
        raise FlashDealEnded()
    FlashDeal.objects.filter(pk=deal.pk).update(is_cancelled=True)
    deal.is_cancelled = True
    touch(deal.variant.product, now)
    return deal


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _aware(value) -> bool:
    return isinstance(value, dt.datetime) and value.tzinfo is not None


def _validate(variant, data: FlashDealInput, now: dt.datetime) -> None:
    errors: dict[str, list[str]] = {}
    price = data.deal_price_minor
    if not _is_int(price) or price <= 0:
        errors["deal_price"] = [_("The deal price must be more than zero.")]
    elif price >= variant.price_minor:
        errors["deal_price"] = [_("The deal price must be below the variant's price.")]
    if not _is_int(data.quantity) or data.quantity < 1:
        errors["quantity"] = [_("Offer at least 1 unit.")]
    elif data.quantity > variant.stock:
        errors["quantity"] = [_("Only %(stock)s units are in stock.") % {"stock": variant.stock}]
    if data.max_per_order is not None and (
        not _is_int(data.max_per_order) or data.max_per_order < 1
    ):
        errors["max_per_order"] = [_("Leave empty for no limit, or give 1 or more.")]
    if not (_aware(data.starts_at) and _aware(data.ends_at)):
        errors["starts_at"] = [_("Give the start and end of the deal.")]
    elif data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("The end must be after the start.")]
    elif data.ends_at <= now:
        errors["ends_at"] = [_("The end must be in the future.")]
    if errors:
        raise InvalidFlashDeal(fields=errors)
