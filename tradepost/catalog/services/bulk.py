"""Stock and price of many SKUs at once: every line is checked first, then all or nothing."""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tradepost.catalog import versions
from tradepost.catalog.errors import InvalidBulkUpdate
from tradepost.catalog.models import Product, Variant
from tradepost.catalog.services import fields
from tradepost.catalog.services.products import emit_product_event
from tradepost.catalog.services.variants import _highest_tier_prices, sync_min_price
from tradepost.catalog.states import ProductStatus
from tradepost.sellers.models import Store

MAX_LINES = 10_000


def _clean_line(line: Any) -> tuple[str | None, dict[str, int], dict[str, str]]:
    """(sku, {field: value}, {field: reason}) of one update line."""
    if not isinstance(line, Mapping):
        return None, {}, {"": _("Each line is an object with a SKU.")}
    errors: dict[str, str] = {}
    sku = None
    try:
        sku = fields.clean_sku(line.get("sku"))
    except fields.Invalid as error:
        errors["sku"] = str(error)
    changes: dict[str, int] = {}
    for name, clean in (("stock", fields.clean_stock), ("price_minor", fields.clean_price_minor)):
        if line.get(name) is not None:
            try:
                changes[name] = clean(line[name])
            except fields.Invalid as error:
                errors[name] = str(error)
    if not changes and not errors:
        errors[""] = _("Give a new stock, a new price or both.")
    return sku, changes, errors


def _check_lines(updates: Sequence[Any]) -> tuple[dict[str, tuple[int, dict]], dict]:
    errors: dict[str, list[str]] = {}
    wanted: dict[str, tuple[int, dict[str, int]]] = {}
    for index, line in enumerate(updates):
        sku, changes, line_errors = _clean_line(line)
        if sku is not None and sku in wanted:
            line_errors["sku"] = _("This SKU is given twice.")
        for name, reason in line_errors.items():
            errors[f"updates.{index}.{name}".rstrip(".")] = [reason]
        if sku is not None and not line_errors:
            wanted[sku] = (index, changes)
    return wanted, errors


def _check_against_rows(wanted, variants: dict[str, Variant], errors: dict) -> None:
    tops = _highest_tier_prices(variant.pk for variant in variants.values())
    for sku, (index, changes) in wanted.items():
        variant = variants.get(sku)
        if variant is None:
            errors[f"updates.{index}.sku"] = [_("No variant of your store has this SKU.")]
            continue
        price = changes.get("price_minor")
        top = tops.get(variant.pk)
        if price is not None and top is not None and top >= price:
            errors[f"updates.{index}.price_minor"] = [_("Lower the wholesale tier prices first.")]


@transaction.atomic
def bulk_update_stock_and_price(
    *, store: Store, updates: Sequence[Mapping[str, Any]], now: dt.datetime
) -> list[Variant]:
    """Apply [{"sku", "stock"?, "price_minor"?}, …] to the store's variants, or refuse them all.

    Raises InvalidBulkUpdate with `fields` such as {"updates.3.sku": [reason]}; a SKU of another
    store is simply unknown.
    """
    if isinstance(updates, str | bytes) or not isinstance(updates, Sequence):
        raise InvalidBulkUpdate(fields={"updates": [_("Give a list of lines.")]})
    if not 1 <= len(updates) <= MAX_LINES:
        raise InvalidBulkUpdate(
            fields={"updates": [_("Give 1 to %(max)s lines.") % {"max": MAX_LINES}]}
        )
    wanted, errors = _check_lines(updates)
    variants = {
        variant.sku: variant
        for variant in Variant.objects.select_for_update(of=("self",))
        .select_related("product__store")
        .filter(store=store, sku__in=list(wanted))
        .exclude(product__status=ProductStatus.REMOVED)
    }
    _check_against_rows(wanted, variants, errors)
    if errors:
        raise InvalidBulkUpdate(fields=errors)
    changed = []
    for sku, (_index, changes) in wanted.items():
        variant = variants[sku]
        for name, value in changes.items():
            setattr(variant, name, value)
        changed.append(variant)
    Variant.objects.bulk_update(changed, ["stock", "price_minor"], batch_size=500)
    products = {variant.product_id: variant.product for variant in changed}
    sync_min_price(products)
    Product.objects.filter(pk__in=list(products)).update(updated_at=now, revision=F("revision") + 1)
    versions.bump()
    for product in products.values():
        emit_product_event("product.updated", product, now)
    return changed
