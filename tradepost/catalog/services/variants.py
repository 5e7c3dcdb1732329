"""Variants (SKUs): the option matrix, prices, stock and wholesale tiers.

Whatever changes a variant's price or activity calls `sync_min_price`, which keeps
`Product.min_price_minor` equal to the lowest active variant price (0 when there is none).
Whatever gives a variant options calls `record_option_names`, which keeps the order they are
shown in (`Product.option_names`, see catalog.options).
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradepost.catalog import options as option_order
from tradepost.catalog.errors import (
    DuplicateSku,
    InvalidOptions,
    InvalidPrice,
    InvalidStock,
    InvalidTier,
    ProductIncomplete,
)
from tradepost.catalog.models import Product, Variant, WholesaleTier
from tradepost.catalog.services import fields
from tradepost.catalog.services._lookup import product_for_store, variant_for_store
from tradepost.catalog.services.products import (
    UNSET,
    _refuse_removed,
    emit_product_event,
    touch,
)
from tradepost.catalog.states import ProductStatus
from tradepost.sellers.models import Store

MAX_TIERS = 10


def sync_min_price(product_ids: Iterable[int]) -> None:
    """Set each product's `min_price_minor` to its lowest active variant price, in one query."""
    lowest = (
        Variant.objects.filter(product=OuterRef("pk"), is_active=True)
        .values("product")
        .annotate(lowest=Min("price_minor"))
        .values("lowest")
    )
    Product.objects.filter(pk__in=list(product_ids)).update(
        min_price_minor=Coalesce(Subquery(lowest), 0)
    )


def record_option_names(product: Product, names: Sequence[str], *, declare: bool = False) -> None:
    """Keep the listing's option order: with `declare` (a matrix, a CSV file) `names` go first
    in the order given, else the ones it lacks are appended (one variant). The order is read
    again under a row lock, so two requests adding names at once both keep theirs."""
    names = list(names)
    known = product.option_names or []
    if not names or (not declare and set(names) <= set(known)):
        return
    current = list(
        Product.objects.select_for_update()
        .filter(pk=product.pk)
        .values_list("option_names", flat=True)
        .get()
        or []
    )
    keep = option_order.declared if declare else option_order.appended
    wanted = keep(current, names)
    if wanted != current:
        Product.objects.filter(pk=product.pk).update(option_names=wanted)
    product.option_names = wanted


def _check(clean, value, error_class, field: str):
    try:
        return clean(value)
    except fields.Invalid as error:
        raise error_class(fields={field: [str(error)]}) from None


def _sku_part(value: str, index: int) -> str:
    return slugify(value).upper() or str(index + 1)


def _sku_candidates(prefix: str, combos: list[dict[str, str]], matrix) -> list[str]:
    skus = []
    for combo in combos:
        parts = [_sku_part(value, matrix[name].index(value)) for name, value in combo.items()]
        skus.append("-".join([prefix, *parts])[: fields.MAX_SKU])
    return skus


def _unique_skus(store: Store, wanted: list[str]) -> list[str]:
    """The wanted SKUs, each made unique within the batch and the store with a -2, -3… suffix."""
    taken = set(
        Variant.objects.filter(store=store, sku__in=set(wanted)).values_list("sku", flat=True)
    )
    result: list[str] = []
    for sku in wanted:
        candidate, n = sku, 1
        while candidate in taken:
            n += 1
            suffix = f"-{n}"
            candidate = sku[: fields.MAX_SKU - len(suffix)] + suffix
            if n % 20 == 0:  # rare: ask the database about the next batch of suffixes
                taken |= set(
                    Variant.objects.filter(store=store, sku__startswith=sku[:40]).values_list(
                        "sku", flat=True
                    )
                )
        taken.add(candidate)
        result.append(candidate)
    return result


def _new_combos(product: Product, matrix: dict[str, list[str]]) -> list[dict[str, str]]:
    existing = {
        fields.options_key(options)
        for options in product.variants.values_list("options", flat=True)
    }
    combos = [
        dict(zip(matrix, values, strict=True)) for values in itertools.product(*matrix.values())
    ]
    return [combo for combo in combos if fields.options_key(combo) not in existing]


def _retire_misfits(product: Product, names: Iterable[str]) -> None:
    """Deactivate variants whose option names do not fit the new matrix (e.g. the lone default)."""
    wanted = {name.casefold() for name in names}
    misfits = [
        variant.pk
        for variant in product.variants.filter(is_active=True)
        if {name.casefold() for name in variant.options} != wanted
    ]
    Variant.objects.filter(pk__in=misfits).update(is_active=False)


@transaction.atomic
def generate_variants(
    *,
    store: Store,
    product: Product | str,
    options: Mapping[str, Sequence[str]],
    price_minor: int,
    stock: int = 0,
    sku_prefix: str = "",
    weight_g: int | None = None,
    now: dt.datetime,
) -> list[Variant]:
    """Create the missing variants of the option matrix (the cartesian product of the values).

    {"Colour": ["Red", "Blue"], "Size": ["S", "M"]} gives 4 variants with SKUs such as
    "TEE-RED-S", unique in the store. Existing combinations are kept as they are; active
    variants whose option names differ from the matrix (such as a single option-less default)
    are deactivated. The matrix's names, in its order, become the order options are shown in.
    Returns the new variants.
    """
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    matrix = _check(fields.clean_option_matrix, options, InvalidOptions, "options")
    price = _check(fields.clean_price_minor, price_minor, InvalidPrice, "price_minor")
    stock = _check(fields.clean_stock, stock, InvalidStock, "stock")
    weight = _check(fields.clean_variant_weight, weight_g, InvalidOptions, "weight_g")
    prefix = _check(
        lambda v: fields.clean_text(v, max_length=40), sku_prefix, InvalidOptions, "sku_prefix"
    )
    prefix = slugify(prefix).upper() or f"P{product.public_id[:6].upper()}"
    combos = _new_combos(product, matrix)
    if product.variants.count() + len(combos) > fields.MAX_VARIANTS_PER_PRODUCT:
        raise InvalidOptions(
            fields={
                "options": [
                    _("At most %(max)s variants per listing.")
                    % {"max": fields.MAX_VARIANTS_PER_PRODUCT}
                ]
            }
        )
    _retire_misfits(product, matrix)
    record_option_names(product, list(matrix), declare=True)
    skus = _unique_skus(store, _sku_candidates(prefix, combos, matrix))
    start = (product.variants.aggregate(top=Max("position"))["top"] or 0) + 1
    created = _bulk_create(
        Variant(
            product=product,
            store=store,
            sku=sku,
            options=combo,
            price_minor=price,
            stock=stock,
            weight_g=weight,
            position=start + index,
        )  # fmt: skip
        for index, (sku, combo) in enumerate(zip(skus, combos, strict=True))
    )
    _after_variant_change(product, now)
    return created


def _after_variant_change(product: Product, now: dt.datetime) -> None:
    sync_min_price([product.pk])
    product.refresh_from_db(fields=["min_price_minor"])
    touch(product, now)
    emit_product_event("product.updated", product, now)


def _check_options_free(product: Product, options: dict[str, str], exclude_pk=None) -> None:
    key = fields.options_key(options)
    others = product.variants.exclude(pk=exclude_pk).values_list("options", flat=True)
    if any(fields.options_key(other) == key for other in others):
        raise InvalidOptions(fields={"options": [_("Another variant has these options.")]})


def _check_sku_free(store: Store, sku: str, exclude_pk=None) -> None:
    if Variant.objects.filter(store=store, sku=sku).exclude(pk=exclude_pk).exists():
        raise DuplicateSku(fields={"sku": [str(DuplicateSku.default_message)]})


def _save(variant: Variant, **kwargs) -> None:
    """Save in a savepoint: a concurrent insert of the same SKU is a DuplicateSku, not a 500."""
    try:
        with transaction.atomic():
            variant.save(**kwargs)
    except IntegrityError:
        raise DuplicateSku(fields={"sku": [str(DuplicateSku.default_message)]}) from None


def _bulk_create(variants) -> list[Variant]:
    """bulk_create in a savepoint: a SKU taken concurrently is a DuplicateSku, not a 500."""
    try:
        with transaction.atomic():
            return Variant.objects.bulk_create(variants)
    except IntegrityError:
        raise DuplicateSku(fields={"sku": [str(DuplicateSku.default_message)]}) from None


@transaction.atomic
def add_variant(
    *,
    store: Store,
    product: Product | str,
    sku: str,
    options: Mapping[str, str] | None = None,
    price_minor: int,
    stock: int = 0,
    weight_g: int | None = None,
    now: dt.datetime,
) -> Variant:
    """One variant with a SKU of the seller's choosing (unique in the store); option names the
    listing does not have yet are shown after its others, in the order given."""
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    sku = _check(fields.clean_sku, sku, InvalidOptions, "sku")
    clean_options = _check(fields.clean_options, options, InvalidOptions, "options")
    price = _check(fields.clean_price_minor, price_minor, InvalidPrice, "price_minor")
    stock = _check(fields.clean_stock, stock, InvalidStock, "stock")
    weight = _check(fields.clean_variant_weight, weight_g, InvalidOptions, "weight_g")
    _check_options_free(product, clean_options)
    _check_sku_free(store, sku)
    position = (product.variants.aggregate(top=Max("position"))["top"] or 0) + 1
    variant = Variant(
        product=product, store=store, sku=sku, options=clean_options, price_minor=price,
        stock=stock, weight_g=weight, position=position,
    )  # fmt: skip
    _save(variant)
    record_option_names(product, list(clean_options))
    _after_variant_change(product, now)
    return variant


def _highest_tier_prices(variant_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        WholesaleTier.objects.filter(variant_id__in=list(variant_ids))
        .values("variant_id")
        .annotate(top=Max("unit_price_minor"))
    )
    return {row["variant_id"]: row["top"] for row in rows}


def _price_fits_tiers(variant: Variant, price: int) -> bool:
    top = _highest_tier_prices([variant.pk]).get(variant.pk)
    return top is None or top < price


def _refuse_last_deactivation(variant: Variant) -> None:
    product = variant.product
    if product.status == ProductStatus.DRAFT:
        return
    if not product.variants.filter(is_active=True).exclude(pk=variant.pk).exists():
        raise ProductIncomplete(
            fields={"is_active": [_("A published listing needs at least one active variant.")]}
        )


def _variant_changes(variant: Variant, given: dict[str, Any]) -> dict[str, Any]:
    checks = {
        "sku": (fields.clean_sku, InvalidOptions),
        "options": (fields.clean_options, InvalidOptions),
        "price_minor": (fields.clean_price_minor, InvalidPrice),
        "stock": (fields.clean_stock, InvalidStock),
        "weight_g": (fields.clean_variant_weight, InvalidOptions),
        "is_active": (lambda v: bool(v), InvalidOptions),
    }
    clean = {}
    for name, value in given.items():
        if value is not UNSET:
            clean_value, error_class = checks[name]
            clean[name] = _check(clean_value, value, error_class, name)
    return clean


@transaction.atomic
def update_variant(
    *,
    store: Store,
    variant: Variant | str,
    sku: str = UNSET,
    options: Mapping[str, str] = UNSET,
    price_minor: int = UNSET,
    stock: int = UNSET,
    weight_g: int | None = UNSET,
    is_active: bool = UNSET,
    now: dt.datetime,
) -> Variant:
    """Change the given fields of one variant (a variant of another store is "not found")."""
    variant = variant_for_store(store=store, variant=variant)
    _refuse_removed(variant.product)
    clean = _variant_changes(
        variant,
        {"sku": sku, "options": options, "price_minor": price_minor, "stock": stock,
         "weight_g": weight_g, "is_active": is_active},
    )  # fmt: skip
    if "options" in clean:
        _check_options_free(variant.product, clean["options"], exclude_pk=variant.pk)
    if "sku" in clean:
        _check_sku_free(store, clean["sku"], exclude_pk=variant.pk)
    if "price_minor" in clean and not _price_fits_tiers(variant, clean["price_minor"]):
        raise InvalidTier(fields={"price_minor": [_("Lower the wholesale tier prices first.")]})
    if clean.get("is_active") is False and variant.is_active:
        _refuse_last_deactivation(variant)
    for name, value in clean.items():
        setattr(variant, name, value)
    _save(variant, update_fields=list(clean) or None)
    if "options" in clean:
        record_option_names(variant.product, list(clean["options"]))
    _after_variant_change(variant.product, now)
    return variant


def clean_tiers(tiers: Any, base_price: int) -> list[tuple[int, int]]:
    """Raise InvalidTier unless quantities rise from 2 and unit prices fall below the base."""
    if isinstance(tiers, str | bytes) or not isinstance(tiers, Sequence) or len(tiers) > MAX_TIERS:
        raise InvalidTier(fields={"tiers": [_("At most %(max)s tiers.") % {"max": MAX_TIERS}]})
    clean: list[tuple[int, int]] = []
    previous_quantity, previous_price = 1, base_price
    for index, tier in enumerate(tiers):
        try:
            quantity, price = tier
            quantity = fields.clean_int(
                quantity, low=previous_quantity + 1, high=fields.MAX_QUANTITY
            )
            price = fields.clean_int(price, low=1, high=previous_price - 1)
        except (TypeError, ValueError):
            raise InvalidTier(
                fields={f"tiers.{index}": [str(InvalidTier.default_message)]}
            ) from None
        clean.append((quantity, price))
        previous_quantity, previous_price = quantity, price
    return clean


@transaction.atomic
def set_wholesale_tiers(
    *, store: Store, variant: Variant | str, tiers: Sequence[tuple[int, int]], now: dt.datetime
) -> list[WholesaleTier]:
    """Replace the variant's tiers: [(from quantity, unit price in minor units), …]; [] clears."""
    variant = variant_for_store(store=store, variant=variant)
    _refuse_removed(variant.product)
    clean = clean_tiers(tiers, variant.price_minor)
    variant.tiers.all().delete()
    created = WholesaleTier.objects.bulk_create(
        WholesaleTier(variant=variant, min_quantity=quantity, unit_price_minor=price)
        for quantity, price in clean
    )
    touch(variant.product, now)
    emit_product_event("product.updated", variant.product, now)
    return created
