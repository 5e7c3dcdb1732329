"""Creating and editing listings and their translations."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tradepost.catalog import quotas, versions
from tradepost.catalog.errors import (
    CategoryChangeNeedsReview,
    CategoryProhibited,
    InvalidProduct,
    ProductNotFound,
)
from tradepost.catalog.models import Category, Product, ProductTranslation
from tradepost.catalog.services import fields
from tradepost.catalog.services._lookup import product_for_store
from tradepost.catalog.states import ProductStatus
from tradepost.notifications.outbox import emit
from tradepost.sellers import deposits
from tradepost.sellers.models import Store

UNSET: Any = object()  # "leave this field as it is" in update functions


def product_payload(product: Product) -> dict[str, Any]:
    return {"product_id": product.public_id, "store_id": product.store.public_id}


def emit_product_event(topic: str, product: Product, now: dt.datetime, **extra) -> None:
    emit(topic, {**product_payload(product), **extra}, now=now)


def touch(product: Product, now: dt.datetime) -> None:
    """Record that the product changed: its page and the lists showing it are rebuilt."""
    Product.objects.filter(pk=product.pk).update(updated_at=now, revision=F("revision") + 1)
    product.updated_at = now
    versions.bump()


def availability_changed(product_ids: list[int]) -> None:
    """A variant of each product sold out or came back (orders reserve and release stock without
    the catalog services): their cached pages are rebuilt with the new stock."""
    if product_ids:
        Product.objects.filter(pk__in=product_ids).update(revision=F("revision") + 1)


def _check_category(category: Any) -> Category:
    if not isinstance(category, Category) or category.pk is None:
        raise InvalidProduct(fields={"category": [_("Choose a category.")]})
    if category.prohibited:
        raise CategoryProhibited(fields={"category": [str(CategoryProhibited.default_message)]})
    return category


def _original_language(store: Store, requested: str | None, languages: list[str]) -> str:
    if requested:
        return requested
    return store.original_language if store.original_language in languages else languages[0]


@transaction.atomic
def create_product(
    *,
    store: Store,
    category: Category,
    translations: Mapping[str, Mapping[str, str]],
    brand: str = "",
    attributes: Mapping[str, Any] | None = None,
    hs_code: str = "",
    origin_country: str = "",
    weight_g: int = 0,
    length_mm: int = 0,
    width_mm: int = 0,
    height_mm: int = 0,
    min_order_quantity: int = 1,
    lot_size: int = 1,
    original_language: str | None = None,
    now: dt.datetime,
) -> Product:
    """A draft listing with its translations ({lang: {title, description}}); no variants yet.

    Counts against the store's quota of new listings (catalog.quotas): over it, raises
    ListingQuotaReached (429) and creates nothing."""
    category = _check_category(category)
    clean_translations, errors = fields.clean_translations(translations)
    data = {
        "brand": brand, "attributes": attributes, "hs_code": hs_code,
        "origin_country": origin_country, "weight_g": weight_g, "length_mm": length_mm,
        "width_mm": width_mm, "height_mm": height_mm, "min_order_quantity": min_order_quantity,
        "lot_size": lot_size,
    }  # fmt: skip
    if original_language is not None:
        data["original_language"] = original_language
    clean, field_errors = fields.clean_product_fields(data)
    errors.update(field_errors)
    if errors:
        raise InvalidProduct(fields=errors)
    clean["original_language"] = _original_language(
        store, clean.get("original_language"), list(clean_translations)
    )
    with quotas.creating_listings(store=store, count=1, now=now):
        product = Product.objects.create(
            store=store, category=category, created_at=now, updated_at=now, **clean
        )
        ProductTranslation.objects.bulk_create(
            ProductTranslation(product=product, language=language, **content)
            for language, content in clean_translations.items()
        )
        emit_product_event("product.created", product, now)
    return product


def _check_category_change(product: Product, category: Category, now: dt.datetime) -> None:
    moving_into_review = category.restricted and not product.category.restricted
    if moving_into_review and product.status != ProductStatus.DRAFT:
        raise CategoryChangeNeedsReview(
            fields={"category": [str(CategoryChangeNeedsReview.default_message)]}
        )
    if product.status != ProductStatus.DRAFT and category.pk != product.category_id:
        # A listed product may move only where the seller could have published it.
        deposits.check_can_publish(seller=product.store.seller, category=category, on=now.date())


def _refuse_removed(product: Product) -> None:
    if product.status == ProductStatus.REMOVED:
        raise ProductNotFound()


@transaction.atomic
def update_product(
    *,
    store: Store,
    product: Product | str,
    category: Category = UNSET,
    translations: Mapping[str, Mapping[str, str]] = UNSET,
    brand: str = UNSET,
    attributes: Mapping[str, Any] = UNSET,
    hs_code: str = UNSET,
    origin_country: str = UNSET,
    weight_g: int = UNSET,
    length_mm: int = UNSET,
    width_mm: int = UNSET,
    height_mm: int = UNSET,
    min_order_quantity: int = UNSET,
    lot_size: int = UNSET,
    original_language: str = UNSET,
    now: dt.datetime,
) -> Product:
    """Change the given fields (others stay); `translations` adds or replaces those languages."""
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    given = {
        "brand": brand, "attributes": attributes, "hs_code": hs_code,
        "origin_country": origin_country, "weight_g": weight_g, "length_mm": length_mm,
        "width_mm": width_mm, "height_mm": height_mm, "min_order_quantity": min_order_quantity,
        "lot_size": lot_size, "original_language": original_language,
    }  # fmt: skip
    clean, errors = fields.clean_product_fields(
        {name: value for name, value in given.items() if value is not UNSET}
    )
    clean_translations = {}
    if translations is not UNSET:
        clean_translations, translation_errors = fields.clean_translations(
            translations, required=False
        )
        errors.update(translation_errors)
    if "original_language" in clean:
        known = set(product.translations.values_list("language", flat=True))
        if clean["original_language"] not in known | set(clean_translations):
            errors["original_language"] = [_("Give a title in this language first.")]
    if errors:
        raise InvalidProduct(fields=errors)
    if category is not UNSET:
        category = _check_category(category)
        _check_category_change(product, category, now)
        clean["category"] = category
    for name, value in clean.items():
        setattr(product, name, value)
    product.save(update_fields=list(clean))
    touch(product, now)
    for language, content in clean_translations.items():
        _upsert_translation(product, language, content)
    emit_product_event("product.updated", product, now)
    return product


def _upsert_translation(product: Product, language: str, content: dict[str, str]) -> None:
    ProductTranslation.objects.update_or_create(
        product=product, language=language, defaults=content
    )


@transaction.atomic
def set_product_translation(
    *,
    store: Store,
    product: Product | str,
    language: str,
    title: str,
    description: str = "",
    now: dt.datetime,
) -> ProductTranslation:
    """Add or replace the title and description in one language (the slug follows the title)."""
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    try:
        content = fields.clean_translation(language, {"title": title, "description": description})
    except fields.Invalid as error:
        raise InvalidProduct(fields={f"translations.{language}": [str(error)]}) from None
    translation, _created = ProductTranslation.objects.update_or_create(
        product=product, language=language, defaults=content
    )
    touch(product, now)
    emit_product_event("product.updated", product, now, language=language)
    return translation


@transaction.atomic
def delete_product_translation(
    *, store: Store, product: Product | str, language: str, now: dt.datetime
) -> None:
    """Drop one language; the listing's original language cannot be dropped."""
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    if language == product.original_language:
        raise InvalidProduct(
            fields={"language": [_("The original language of a listing cannot be removed.")]}
        )
    product.translations.filter(language=language).delete()
    touch(product, now)
    emit_product_event("product.updated", product, now, language=language)
