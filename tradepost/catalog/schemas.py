"""API shapes of the catalog (RELIABILITY.md §8: separate public and owner outputs).

Public outputs carry what a buyer may see of a public listing: converted prices with the
original beside them, a stock *status* (never the count), public ids only. Owner outputs add
status, exact stock, SKUs and every language. Inputs list exactly what a seller may set: status,
store, public ids and the lowest price are server-owned and an unknown field is a 422.
"""

from datetime import date, datetime
from typing import Any

from django.core.files.storage import default_storage
from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from tradepost.catalog import selectors
from tradepost.catalog.models import Product, ProductImage, Variant
from tradepost.catalog.options import names_in_use
from tradepost.catalog.services import fields as limits
from tradepost.money.money import Money
from tradepost.money.schemas import MoneyOut
from tradepost.storefront.prices import RateBook

MAX_LIMIT = 100
SORTS = ("newest", "price_asc", "price_desc")
# A JSON object's keys have no order (PostgreSQL's jsonb reorders them), so the order to show a
# variant's `options` in comes with the listing.
_OPTION_NAMES = (
    "The listing's option names in the order the seller gave them: show each variant's "
    "`options` in this order. Only names its variants here use."
)
_OPTIONS = "Its keys come in no set order: show them in the order of the listing's `option_names`"


class _In(Schema):
    # An unknown field is an error, not silently ignored: server-owned fields stay unwritable.
    model_config = ConfigDict(extra="forbid")


# --- public ------------------------------------------------------------------------------------


class CategoryOut(Schema):
    slug: str
    name: str
    depth: int
    children: list["CategoryOut"]


class CardImageOut(Schema):
    public_id: str
    src: str = Field(description="The thumbnail nearest 320 px wide")
    srcset: str = Field(description="Every thumbnail as `url width`w, for <img srcset>")
    width: int
    height: int
    alt: str


class ImageOut(CardImageOut):
    thumbnails: dict[str, str] = Field(description="{width: url}")
    variant: str | None = Field(None, description="public id of the variant it shows, if any")


class StoreSummaryOut(Schema):
    slug: str
    name: str
    country: str


class StoreCardOut(StoreSummaryOut):
    opened_on: date
    languages_spoken: list[str]


class ProductCardOut(Schema):
    public_id: str
    title: str
    slug: str
    language: str = Field(description="The language the title is in (after fallback)")
    price: MoneyOut = Field(description="Lowest price in `currency` (the original if no rate)")
    original_price: MoneyOut = Field(description="Lowest price in the store's currency")
    image: CardImageOut | None
    store: StoreSummaryOut
    order_count: int


class ProductPageOut(Schema):
    items: list[ProductCardOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null at end")


class ProductFilter(Schema):
    lang: str | None = Field(None, max_length=16)
    currency: str | None = Field(None, max_length=3, description="Display currency (ISO 4217)")
    category: str | None = Field(None, max_length=80, description="Slug; includes descendants")
    store: str | None = Field(None, max_length=80, description="Store slug")
    ship_from_country: str | None = Field(None, min_length=2, max_length=2)
    min_price_minor: int | None = Field(None, ge=0, le=limits.MAX_PRICE_MINOR)
    max_price_minor: int | None = Field(None, ge=0, le=limits.MAX_PRICE_MINOR)
    sort: str = Field("newest", pattern="^(newest|price_asc|price_desc)$")
    cursor: str | None = Field(None, max_length=400)
    limit: int = Field(24, ge=1, le=MAX_LIMIT)


class TierOut(Schema):
    min_quantity: int
    unit_price: MoneyOut
    original_unit_price: MoneyOut


class VariantPublicOut(Schema):
    public_id: str
    options: dict[str, str] = Field(description=_OPTIONS)
    price: MoneyOut
    original_price: MoneyOut
    in_stock: bool
    tiers: list[TierOut]


class CategoryRefOut(Schema):
    slug: str
    name: str
    path: list[str] = Field(description="Slugs from the root down to this category")


class ProductDetailOut(Schema):
    public_id: str
    title: str
    description: str
    slug: str
    language: str
    languages: list[str] = Field(description="Every language the listing is written in")
    brand: str
    attributes: dict[str, Any]
    origin_country: str
    category: CategoryRefOut
    min_order_quantity: int
    lot_size: int
    order_count: int
    price: MoneyOut
    original_price: MoneyOut
    option_names: list[str] = Field(description=_OPTION_NAMES, examples=[["Size", "Colour"]])
    variants: list[VariantPublicOut]
    images: list[ImageOut]
    store: StoreCardOut


# --- seller: inputs ----------------------------------------------------------------------------


class TranslationIn(_In):
    title: str = Field(max_length=limits.MAX_TITLE)
    description: str = Field("", max_length=limits.MAX_DESCRIPTION)


_Dimension = Field(0, ge=0, le=limits.MAX_DIMENSION_MM)


class ProductCreateIn(_In):
    category: str = Field(max_length=80, description="Category slug")
    translations: dict[str, TranslationIn] = Field(description="{language: {title, description}}")
    original_language: str | None = Field(None, max_length=8)
    brand: str = Field("", max_length=limits.MAX_BRAND)
    attributes: dict[str, Any] = Field(default_factory=dict)
    hs_code: str = Field("", max_length=20)
    origin_country: str = Field("", max_length=2)
    weight_g: int = Field(0, ge=0, le=limits.MAX_WEIGHT_G)
    length_mm: int = _Dimension
    width_mm: int = _Dimension
    height_mm: int = _Dimension
    min_order_quantity: int = Field(1, ge=1, le=limits.MAX_QUANTITY)
    lot_size: int = Field(1, ge=1, le=limits.MAX_QUANTITY)

    def to_service(self) -> dict[str, Any]:
        data = self.model_dump(exclude={"category"})
        data["translations"] = {lang: t.model_dump() for lang, t in self.translations.items()}
        return data


class ProductUpdateIn(_In):
    """Only the fields sent change; `translations` adds or replaces the languages given."""

    category: str | None = Field(None, max_length=80)
    translations: dict[str, TranslationIn] | None = None
    original_language: str | None = Field(None, max_length=8)
    brand: str | None = Field(None, max_length=limits.MAX_BRAND)
    attributes: dict[str, Any] | None = None
    hs_code: str | None = Field(None, max_length=20)
    origin_country: str | None = Field(None, max_length=2)
    weight_g: int | None = Field(None, ge=0, le=limits.MAX_WEIGHT_G)
    length_mm: int | None = Field(None, ge=0, le=limits.MAX_DIMENSION_MM)
    width_mm: int | None = Field(None, ge=0, le=limits.MAX_DIMENSION_MM)
    height_mm: int | None = Field(None, ge=0, le=limits.MAX_DIMENSION_MM)
    min_order_quantity: int | None = Field(None, ge=1, le=limits.MAX_QUANTITY)
    lot_size: int | None = Field(None, ge=1, le=limits.MAX_QUANTITY)

    def changes(self) -> dict[str, Any]:
        """The fields the caller sent (null means "leave it", never "clear it")."""
        data = self.model_dump(exclude_unset=True, exclude_none=True, exclude={"category"})
        if "translations" in data:
            data["translations"] = {lang: t.model_dump() for lang, t in self.translations.items()}
        return data


_Price = Field(ge=1, le=limits.MAX_PRICE_MINOR, description="Minor units of the store currency")
_Stock = Field(0, ge=0, le=limits.MAX_STOCK)
_Weight = Field(None, ge=0, le=limits.MAX_WEIGHT_G)


class VariantsIn(_In):
    """Either `matrix` (every combination is created) or `sku` (+ `options`) for one variant."""

    matrix: dict[str, list[str]] | None = Field(
        None,
        description='{"Size": ["S", "M"], "Colour": ["Red", "Blue"]}; the listing shows its '
        "options in the order of these names",
    )
    sku_prefix: str = Field("", max_length=40, description="With `matrix` only")
    sku: str | None = Field(None, max_length=limits.MAX_SKU)
    options: dict[str, str] | None = Field(
        None,
        description="With `sku` only; names the listing does not have yet are shown after its "
        "others, in the order given",
    )
    price_minor: int = _Price
    stock: int = _Stock
    weight_g: int | None = _Weight

    @model_validator(mode="after")
    def _one_shape(self):
        if (self.matrix is None) == (self.sku is None):
            raise ValueError("Give either `matrix` or `sku`.")
        if self.matrix is not None and self.options is not None:
            raise ValueError("`options` goes with `sku`; use `matrix` for a matrix.")
        if self.sku is not None and self.sku_prefix:
            raise ValueError("`sku_prefix` goes with `matrix`.")
        return self


class TierIn(_In):
    min_quantity: int = Field(ge=2, le=limits.MAX_QUANTITY)
    unit_price_minor: int = Field(ge=1, le=limits.MAX_PRICE_MINOR)


class VariantUpdateIn(_In):
    """Only the fields sent change; `tiers` replaces every wholesale tier ([] clears them)."""

    sku: str | None = Field(None, max_length=limits.MAX_SKU)
    options: dict[str, str] | None = Field(
        None, description="Names the listing does not have yet are shown after its others"
    )
    price_minor: int | None = Field(None, ge=1, le=limits.MAX_PRICE_MINOR)
    stock: int | None = Field(None, ge=0, le=limits.MAX_STOCK)
    weight_g: int | None = _Weight
    is_active: bool | None = None
    tiers: list[TierIn] | None = Field(None, max_length=10)

    def changes(self) -> dict[str, Any]:
        """The fields sent; null clears the weight and means "leave it" for the others."""
        sent = self.model_dump(exclude_unset=True, exclude={"tiers"})
        return {name: v for name, v in sent.items() if v is not None or name == "weight_g"}


class StockPriceLineIn(_In):
    sku: str = Field(max_length=limits.MAX_SKU)
    stock: int | None = Field(None, ge=0, le=limits.MAX_STOCK)
    price_minor: int | None = Field(None, ge=1, le=limits.MAX_PRICE_MINOR)


class StockAndPricesIn(_In):
    updates: list[StockPriceLineIn] = Field(min_length=1, max_length=1000)


# --- seller: outputs ---------------------------------------------------------------------------


class TierOwnerOut(Schema):
    min_quantity: int
    unit_price: MoneyOut


class VariantOwnerOut(Schema):
    public_id: str
    sku: str
    options: dict[str, str] = Field(description=_OPTIONS)
    price: MoneyOut
    stock: int
    weight_g: int | None
    is_active: bool
    position: int
    tiers: list[TierOwnerOut]


class TranslationOut(Schema):
    title: str
    slug: str
    description: str


class ProductOwnerOut(Schema):
    public_id: str
    status: str
    status_changed_at: datetime | None
    category: str
    original_language: str
    translations: dict[str, TranslationOut]
    brand: str
    attributes: dict[str, Any]
    hs_code: str
    origin_country: str
    weight_g: int
    length_mm: int
    width_mm: int
    height_mm: int
    min_order_quantity: int
    lot_size: int
    min_price: MoneyOut
    order_count: int
    option_names: list[str] = Field(description=_OPTION_NAMES, examples=[["Size", "Colour"]])
    variants: list[VariantOwnerOut]
    images: list[ImageOut]
    created_at: datetime
    updated_at: datetime


class ProductOwnerPageOut(Schema):
    items: list[ProductOwnerOut]
    next_cursor: str | None


class SellerProductFilter(Schema):
    status: str | None = Field(
        None, pattern="^(draft|pending_review|active|hidden|removed)$", description="Only these"
    )
    cursor: str | None = Field(None, max_length=400)
    limit: int = Field(24, ge=1, le=MAX_LIMIT)


class StockAndPricesOut(Schema):
    updated: list[VariantOwnerOut]


# --- building outputs --------------------------------------------------------------------------


def money_out(money: Money) -> MoneyOut:
    return MoneyOut(minor=money.minor, currency=money.currency)


def _priced(rates: RateBook, minor: int, currency: str) -> dict[str, MoneyOut]:
    shown = rates.price(Money(minor, currency))
    return {"price": money_out(shown.shown), "original_price": money_out(shown.original)}


def image_out(image: ProductImage, variant_ids: dict[int, str]) -> ImageOut:
    view = selectors.image_view(image)
    thumbnails = {
        width: default_storage.url(path)
        for width, path in sorted((image.thumbnails or {}).items(), key=lambda t: int(t[0]))
    }
    return ImageOut(
        public_id=view.public_id, src=view.src, srcset=view.srcset, thumbnails=thumbnails,
        width=view.width, height=view.height, alt=view.alt,
        variant=variant_ids.get(image.variant_id),
    )  # fmt: skip


def card_out(card: selectors.ProductCard, rates: RateBook) -> ProductCardOut:
    image = card.image
    return ProductCardOut(
        public_id=card.public_id, title=card.title, slug=card.slug, language=card.language,
        **_priced(rates, card.price.minor, card.price.currency),
        image=None if image is None else CardImageOut(
            public_id=image.public_id, src=image.src, srcset=image.srcset,
            width=image.width, height=image.height, alt=image.alt,
        ),
        store=StoreSummaryOut(
            slug=card.store_slug, name=card.store_name, country=card.store_country
        ),
        order_count=card.order_count,
    )  # fmt: skip


def _variant_public(variant: Variant, currency: str, rates: RateBook) -> VariantPublicOut:
    tiers = []
    for tier in variant.tiers.all():
        priced = _priced(rates, tier.unit_price_minor, currency)
        tiers.append(
            TierOut(
                min_quantity=tier.min_quantity,
                unit_price=priced["price"],
                original_unit_price=priced["original_price"],
            )
        )
    return VariantPublicOut(
        public_id=variant.public_id, options=variant.options,
        **_priced(rates, variant.price_minor, currency),
        in_stock=variant.stock > 0, tiers=tiers,
    )  # fmt: skip


def product_detail_out(detail: selectors.ProductDetail, rates: RateBook) -> ProductDetailOut:
    product, store, translation = detail.product, detail.store, detail.translation
    currency = store.settlement_currency
    variant_ids = {variant.id: variant.public_id for variant in detail.variants}
    return ProductDetailOut(
        public_id=product.public_id,
        title=translation.title if translation else product.public_id,
        description=translation.description if translation else "",
        slug=translation.slug if translation else "item",
        language=translation.language if translation else product.original_language,
        languages=sorted(t.language for t in detail.translations),
        brand=product.brand, attributes=product.attributes,
        origin_country=product.origin_country.code or "",
        category=CategoryRefOut(
            slug=detail.category.slug, name=detail.category.name,
            path=[node.slug for node in detail.category_path],
        ),
        min_order_quantity=product.min_order_quantity, lot_size=product.lot_size,
        order_count=product.order_count,
        **_priced(rates, product.min_price_minor, currency),
        option_names=names_in_use(product.option_names, (v.options for v in detail.variants)),
        variants=[_variant_public(variant, currency, rates) for variant in detail.variants],
        images=[image_out(image, variant_ids) for image in detail.images],
        store=StoreCardOut(
            slug=store.slug, name=store.name, country=store.country.code,
            opened_on=store.opened_on, languages_spoken=list(store.languages_spoken),
        ),
    )  # fmt: skip


def variant_owner_out(variant: Variant, currency: str) -> VariantOwnerOut:
    return VariantOwnerOut(
        public_id=variant.public_id, sku=variant.sku, options=variant.options,
        price=MoneyOut(minor=variant.price_minor, currency=currency), stock=variant.stock,
        weight_g=variant.weight_g, is_active=variant.is_active, position=variant.position,
        tiers=[
            TierOwnerOut(
                min_quantity=tier.min_quantity,
                unit_price=MoneyOut(minor=tier.unit_price_minor, currency=currency),
            )
            for tier in variant.tiers.all()
        ],
    )  # fmt: skip


def product_owner_out(product: Product) -> ProductOwnerOut:
    """Expects `category`, `store`, translations, variants with tiers and images prefetched."""
    currency = product.store.settlement_currency
    variants = list(product.variants.all())
    variant_ids = {variant.id: variant.public_id for variant in variants}
    return ProductOwnerOut(
        public_id=product.public_id, status=product.status,
        status_changed_at=product.status_changed_at, category=product.category.slug,
        original_language=product.original_language,
        translations={
            t.language: TranslationOut(title=t.title, slug=t.slug, description=t.description)
            for t in product.translations.all()
        },
        brand=product.brand, attributes=product.attributes, hs_code=product.hs_code,
        origin_country=product.origin_country.code or "", weight_g=product.weight_g,
        length_mm=product.length_mm, width_mm=product.width_mm, height_mm=product.height_mm,
        min_order_quantity=product.min_order_quantity, lot_size=product.lot_size,
        min_price=MoneyOut(minor=product.min_price_minor, currency=currency),
        order_count=product.order_count,
        option_names=names_in_use(product.option_names, (v.options for v in variants)),
        variants=[variant_owner_out(variant, currency) for variant in variants],
        images=[image_out(image, variant_ids) for image in product.images.all()],
        created_at=product.created_at, updated_at=product.updated_at,
    )  # fmt: skip
