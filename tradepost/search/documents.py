"""Index documents built from the database, in batches (a few queries per batch, not per row)."""

import dataclasses
from collections.abc import Iterable, Iterator
from decimal import Decimal

import tantivy
from django.db.models import Prefetch

from tradepost.catalog.models import Category, Product, ProductTranslation
from tradepost.catalog.states import ProductStatus
from tradepost.money import currencies, fx
from tradepost.money.errors import ExchangeRateUnavailable, UnknownCurrency
from tradepost.money.money import exact_product, to_minor_units
from tradepost.money.rounding import HALF_EVEN
from tradepost.search import analysis, schema
from tradepost.sellers.states import SellerStatus

BATCH_SIZE = 1000
RATING_WEIGHT = 20.0  # one star of average rating counts as much as 20 orders


@dataclasses.dataclass(frozen=True)
class CategoryPath:
    ids: tuple[int, ...]  # root first, the category itself last
    names: dict[str, str]  # language → "Electronics Audio Headphones"
    blocked: bool


def category_paths() -> dict[int, CategoryPath]:
    """Every category's path with its names in each language (→ English → slug)."""
    categories = list(
        Category.objects.only("id", "slug", "parent_id", "prohibited")
        .prefetch_related("translations")
        .order_by("depth", "position", "slug")
    )
    paths: dict[int, CategoryPath] = {}
    for category in categories:  # parents first
        names = {t.language: t.name for t in category.translations.all()}
        own = {
            lang: names.get(lang) or names.get("en") or category.slug for lang in analysis.LANGUAGES
        }
        parent = paths.get(category.parent_id) if category.parent_id else None
        paths[category.id] = CategoryPath(
            ids=(*(parent.ids if parent else ()), category.id),
            names={
                lang: f"{parent.names[lang]} {own[lang]}" if parent else own[lang]
                for lang in analysis.LANGUAGES
            },
            blocked=category.prohibited or bool(parent and parent.blocked),
        )
    return paths


class PriceNormaliser:
    """Store prices → PRICE_CURRENCY minor units at the newest rate (one look-up per currency)."""

    def __init__(self):
        self._rates: dict[str, Decimal | None] = {}

    def __call__(self, amount_minor: int, currency: str) -> int | None:
        if currency not in self._rates:
            try:
                self._rates[currency] = fx.get_rate(currency, schema.PRICE_CURRENCY).value
            except (ExchangeRateUnavailable, UnknownCurrency):
                self._rates[currency] = None
        rate = self._rates[currency]
        if rate is None:
            return None
        amount = Decimal(amount_minor).scaleb(-currencies.exponent(currency))
        return to_minor_units(
            exact_product(amount, rate), currencies.exponent(schema.PRICE_CURRENCY), HALF_EVEN
        )


def public_products():
    return Product.objects.filter(
        status=ProductStatus.ACTIVE,
        store__seller__status=SellerStatus.VERIFIED,
        category__prohibited=False,
    )


def _batches(ids: Iterable[int] | None) -> Iterator[list[Product]]:
    rows = (
        public_products()
        .select_related("store")
        .only(
            "id", "store_id", "category_id", "original_language", "brand", "attributes",
            "min_price_minor", "order_count", "created_at",
            "store__country", "store__settlement_currency",
        )
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=ProductTranslation.objects.only(
                    "product_id", "language", "title", "description"
                ),
            )
        )
        .order_by("id")
    )  # fmt: skip
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), BATCH_SIZE):
            yield list(rows.filter(id__in=wanted[start : start + BATCH_SIZE]))
        return
    last = 0
    while batch := list(rows.filter(id__gt=last)[:BATCH_SIZE]):
        yield batch
        last = batch[-1].id


def _document(product: Product, path: CategoryPath, price: int | None) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_integer(schema.ID, product.id)
    doc.add_integer(schema.STORE, product.store_id)
    for category_id in path.ids:
        doc.add_integer(schema.CATEGORY, category_id)
    doc.add_integer(schema.LEAF, product.category_id)
    doc.add_text(schema.COUNTRY, str(product.store.country))
    if product.brand:
        doc.add_text(schema.BRAND, product.brand)
    if price is not None:
        doc.add_integer(schema.PRICE, price)
    doc.add_integer(schema.ORDERS, product.order_count)
    doc.add_float(schema.RATING, 0.0)  # filled by the reviews issue
    # relevance is multiplied by log2(2 + popularity): sales, and ratings once reviews exist
    doc.add_float(schema.POPULARITY, product.order_count + RATING_WEIGHT * 0.0)
    doc.add_integer(schema.FREE_SHIPPING, 0)  # filled by the shipping issue
    doc.add_integer(schema.CREATED, int(product.created_at.timestamp()))
    attributes = " ".join(str(v) for v in (product.attributes or {}).values())
    texts = {t.language: t for t in product.translations.all()}
    for language in analysis.LANGUAGES:
        extra = [path.names[language], product.brand]
        translation = texts.get(language)
        if translation is not None:
            title = analysis.clean(translation.title)
            doc.add_text(schema.title_field(language), analysis.prepare(language, title))
            extra[:0] = [translation.title, translation.description]
            doc.add_text(schema.WORDS, f"{title} {path.names[language]}")
        if language == product.original_language:
            extra.append(attributes)
        text = analysis.prepare(language, analysis.clean(" ".join(filter(None, extra))))
        doc.add_text(schema.text_field(language), text)
    return doc


def documents(ids: Iterable[int] | None = None) -> Iterator[list[tantivy.Document]]:
    """Documents of the public listings among `ids` (all public listings if None), per batch."""
    paths = category_paths()
    normalise = PriceNormaliser()
    for batch in _batches(ids):
        docs = []
        for product in batch:
            path = paths.get(product.category_id)
            if path is None or path.blocked:
                continue
            currency = product.store.settlement_currency
            docs.append(_document(product, path, normalise(product.min_price_minor, currency)))
        yield docs
