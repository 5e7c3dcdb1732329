"""The catalog router: public categories and products, and the seller's own listings.

Public endpoints (`auth=None`) only ever show public listings (catalog.selectors) through the
public schemas. Seller endpoints act on the caller's own store: another store's product or
variant is "not found" (404) and nothing changes. Writes go through catalog.services.
"""

import base64
import binascii
import datetime as dt
import json

from django.conf import settings
from django.db import transaction
from django.db.models import BigIntegerField, F, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, Round
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from tradepost import clock
from tradepost.api.auth import require_scope
from tradepost.api.idempotency import idempotent
from tradepost.catalog import selectors, services
from tradepost.catalog.errors import InvalidProduct, ProductNotFound
from tradepost.catalog.images import ingest_product_image
from tradepost.catalog.models import Category, Product, Variant
from tradepost.catalog.schemas import (
    CategoryOut,
    ProductCreateIn,
    ProductDetailOut,
    ProductFilter,
    ProductOwnerOut,
    ProductOwnerPageOut,
    ProductPageOut,
    ProductUpdateIn,
    SellerProductFilter,
    StockAndPricesIn,
    StockAndPricesOut,
    VariantOwnerOut,
    VariantsIn,
    VariantUpdateIn,
    card_out,
    product_detail_out,
    product_owner_out,
    variant_owner_out,
)
from tradepost.errors import InvalidInput
from tradepost.money import currencies
from tradepost.money.errors import UnknownCurrency
from tradepost.sellers.errors import StoreNotFound
from tradepost.sellers.models import Store
from tradepost.sellers.selectors import find_seller_for_user
from tradepost.storefront.prices import RateBook
from tradepost.web.preferences import current_currency

router = Router(tags=["catalog"])


def display_rates(request, currency: str | None) -> RateBook:
    code = (currency or "").upper() or current_currency(request)
    if not currencies.is_known_currency(code):
        raise UnknownCurrency(code, field="currency")
    return RateBook(code)


def _category_out(node: selectors.CategoryNode) -> CategoryOut:
    return CategoryOut(
        slug=node.slug,
        name=node.name,
        depth=node.depth,
        children=[_category_out(child) for child in node.children],
    )


# --- private reads (candidates for catalog.selectors; kept here while others edit that module) --


def display_language(lang: str | None) -> str:
    """A known language code for `lang` (a regional code falls back to its base), or 422."""
    if not lang:
        return get_language() or "en"
    wanted = lang.strip().lower().replace("_", "-")
    known = {code for code, _name in settings.LANGUAGES}
    for code in (wanted, wanted.split("-", 1)[0]):
        if code in known:
            return code
    raise InvalidInput(fields={"lang": [_("Unknown language.")]})


def store_of(request, scope: str) -> Store:
    """The caller's own store, after checking the token's scope; 404 when they have none."""
    require_scope(request, scope)
    seller = find_seller_for_user(user=request.auth)
    store = getattr(seller, "store", None) if seller is not None else None
    if store is None:
        raise StoreNotFound()
    return store


def category_by_slug(slug: str) -> Category:
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise InvalidProduct(fields={"category": [_("Unknown category.")]})
    return category


def _owner_products(store: Store) -> QuerySet[Product]:
    return (
        Product.objects.filter(store=store)
        .select_related("category", "store")
        .prefetch_related(
            "translations",
            Prefetch("variants", queryset=Variant.objects.prefetch_related("tiers")),
            "images",
        )
    )


def owner_product(store: Store, public_id: str) -> Product:
    product = _owner_products(store).filter(public_id=public_id).first()
    if product is None:
        raise ProductNotFound()
    return product


# Cursors are base64url JSON holding the sort, the last row's sort key and its public id (never
# a database id). A cursor from another sort or currency is refused, not misread.


def _encode_cursor(payload: dict) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(text: str, **expected) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, binascii.Error):
        data = None
    valid = (
        isinstance(data, dict)
        and all(data.get(name) == value for name, value in expected.items())
        and isinstance(data.get("p"), str)
    )
    if not valid:
        raise InvalidInput(fields={"cursor": [_("This cursor is not valid here.")]})
    return data


def _cursor_time(data: dict) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(data.get("t"))
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InvalidInput(fields={"cursor": [_("This cursor is not valid here.")]})
    return moment


def _after_newest(products: QuerySet, cursor: str | None, **expected) -> QuerySet:
    products = products.order_by("-created_at", "-public_id")
    if cursor is None:
        return products
    data = _decode_cursor(cursor, s="newest", **expected)
    moment = _cursor_time(data)
    return products.filter(Q(created_at__lt=moment) | Q(created_at=moment, public_id__lt=data["p"]))


def _newest_cursor(product: Product, **extra) -> str:
    return _encode_cursor({"s": "newest", **extra, "t": product.created_at.isoformat(),
                           "p": product.public_id})  # fmt: skip


def _after_price(products: QuerySet, sort: str, cursor: str | None, currency: str) -> QuerySet:
    """Keyset over (display price in whole minor units, public id); unpriceable rows last."""
    ascending = sort == "price_asc"
    key = F("display_minor")
    products = products.order_by(
        key.asc(nulls_last=True) if ascending else key.desc(nulls_last=True),
        "public_id" if ascending else "-public_id",
    )
    if cursor is None:
        return products
    data = _decode_cursor(cursor, s=sort, c=currency)
    price, last = data.get("k"), data["p"]
    beyond = "gt" if ascending else "lt"
    if price is None:
        return products.filter(display_minor__isnull=True, **{f"public_id__{beyond}": last})
    if isinstance(price, bool) or not isinstance(price, int):
        raise InvalidInput(fields={"cursor": [_("This cursor is not valid here.")]})
    return products.filter(
        Q(**{f"display_minor__{beyond}": price})
        | Q(display_minor=price, **{f"public_id__{beyond}": last})
        | Q(display_minor__isnull=True)
    )


def _filtered_public(query, language: str) -> QuerySet:
    tree = selectors.category_tree(language)
    products = selectors._public_products().exclude(category_id__in=tree.blocked_ids)
    if query.category:
        node = selectors.get_public_category(query.category, language)
        products = products.filter(category_id__in=node.descendant_ids)
    if query.store:
        products = products.filter(store__slug=query.store.lower())
    if query.ship_from_country:
        products = products.filter(store__country=query.ship_from_country.upper())
    return products


def list_public_page(query, language: str, rates: RateBook) -> tuple[list, str | None]:
    """One page of public cards and the cursor of the next (None on the last page).

    Price bounds and price sorts compare the lowest price converted into the display currency
    and rounded to a whole minor unit in SQL, so equal keys compare exactly across pages.
    """
    products = _filtered_public(query, language)
    by_price = query.sort in ("price_asc", "price_desc")
    if by_price or query.min_price_minor is not None or query.max_price_minor is not None:
        display = Cast(Round(selectors._price_in_display(rates)), BigIntegerField())
        products = products.annotate(display_minor=display)
        if query.min_price_minor is not None:
            products = products.filter(display_minor__gte=query.min_price_minor)
        if query.max_price_minor is not None:
            products = products.filter(display_minor__lte=query.max_price_minor)
    if by_price:
        products = _after_price(products, query.sort, query.cursor, rates.display_currency)
    else:
        products = _after_newest(products, query.cursor)
    rows = list(products.select_related("store")[: query.limit + 1])
    page, more = rows[: query.limit], len(rows) > query.limit
    next_cursor = None
    if more and by_price:
        next_cursor = _encode_cursor({"s": query.sort, "c": rates.display_currency,
                                      "k": page[-1].display_minor, "p": page[-1].public_id})  # fmt: skip
    elif more:
        next_cursor = _newest_cursor(page[-1])
    return selectors._cards(page, language), next_cursor


def list_owner_products(store: Store, query) -> tuple[list[Product], str | None]:
    products = _owner_products(store)
    if query.status:
        products = products.filter(status=query.status)
    products = _after_newest(products, query.cursor, o=1)
    rows = list(products[: query.limit + 1])
    page = rows[: query.limit]
    return page, _newest_cursor(page[-1], o=1) if len(rows) > query.limit else None


# --- public ------------------------------------------------------------------------------------


@router.get("/categories", response=list[CategoryOut], auth=None)
def list_categories(request, lang: str | None = None):
    """The public category tree, named in `lang` (→ English)."""
    tree = selectors.category_tree(display_language(lang))
    return [_category_out(root) for root in tree.roots]


@router.get("/products", response=ProductPageOut, auth=None)
def list_products(request, query: Query[ProductFilter]):
    """Public listings, newest first or by price in `currency`; follow `next_cursor` for more."""
    rates = display_rates(request, query.currency)
    cards, next_cursor = list_public_page(query, display_language(query.lang), rates)
    rates.load(card.price.currency for card in cards)
    return ProductPageOut(items=[card_out(card, rates) for card in cards], next_cursor=next_cursor)


@router.get("/products/{public_id}", response=ProductDetailOut, auth=None)
def get_product(request, public_id: str, lang: str | None = None, currency: str | None = None):
    rates = display_rates(request, currency)
    detail = selectors.get_public_product(public_id, display_language(lang))
    return product_detail_out(detail, rates)


# --- seller: listings --------------------------------------------------------------------------


@router.get("/seller/products", response=ProductOwnerPageOut)
def list_my_products(request, query: Query[SellerProductFilter]):
    """The caller's own listings in every status, newest first."""
    store = store_of(request, "catalog:read")
    products, next_cursor = list_owner_products(store, query)
    return ProductOwnerPageOut(
        items=[product_owner_out(p) for p in products], next_cursor=next_cursor
    )


@router.get("/seller/products/{public_id}", response=ProductOwnerOut)
def get_my_product(request, public_id: str):
    store = store_of(request, "catalog:read")
    return product_owner_out(owner_product(store, public_id))


@router.post("/seller/products", response={201: ProductOwnerOut})
@idempotent
def create_product(request, payload: ProductCreateIn):
    """A draft listing; add variants, then publish it."""
    store = store_of(request, "catalog:write")
    product = services.create_product(
        store=store,
        category=category_by_slug(payload.category),
        now=clock.now(),
        **payload.to_service(),
    )
    return Status(201, product_owner_out(owner_product(store, product.public_id)))


@router.patch("/seller/products/{public_id}", response=ProductOwnerOut)
def update_product(request, public_id: str, payload: ProductUpdateIn):
    store = store_of(request, "catalog:write")
    changes = payload.changes()
    if payload.category is not None:
        changes["category"] = category_by_slug(payload.category)
    services.update_product(store=store, product=public_id, now=clock.now(), **changes)
    return product_owner_out(owner_product(store, public_id))


@router.post("/seller/products/{public_id}/publish", response=ProductOwnerOut)
def publish_product(request, public_id: str):
    """Draft → active (→ pending review in a restricted category)."""
    store = store_of(request, "catalog:write")
    services.publish_product(store=store, product=public_id, now=clock.now())
    return product_owner_out(owner_product(store, public_id))


@router.post("/seller/products/{public_id}/hide", response=ProductOwnerOut)
def hide_product(request, public_id: str):
    store = store_of(request, "catalog:write")
    services.hide_product(store=store, product=public_id, now=clock.now())
    return product_owner_out(owner_product(store, public_id))


@router.post("/seller/products/{public_id}/unhide", response=ProductOwnerOut)
def unhide_product(request, public_id: str):
    store = store_of(request, "catalog:write")
    services.unhide_product(store=store, product=public_id, now=clock.now())
    return product_owner_out(owner_product(store, public_id))


# --- seller: variants, stock and prices, images ------------------------------------------------


@router.post("/seller/products/{public_id}/variants", response={201: list[VariantOwnerOut]})
@idempotent
def add_variants(request, public_id: str, payload: VariantsIn):
    """Every missing combination of `matrix`, or the one variant `sku`; returns the new ones."""
    store = store_of(request, "catalog:write")
    common = {"price_minor": payload.price_minor, "stock": payload.stock}
    common["weight_g"] = payload.weight_g
    if payload.matrix is not None:
        created = services.generate_variants(
            store=store, product=public_id, options=payload.matrix,
            sku_prefix=payload.sku_prefix, now=clock.now(), **common,
        )  # fmt: skip
    else:
        created = [
            services.add_variant(
                store=store,
                product=public_id,
                sku=payload.sku,
                options=payload.options,
                now=clock.now(),
                **common,
            )  # fmt: skip
        ]
    currency = store.settlement_currency
    return Status(201, [variant_owner_out(variant, currency) for variant in created])


@router.patch("/seller/variants/{public_id}", response=VariantOwnerOut)
def update_variant(request, public_id: str, payload: VariantUpdateIn):
    """Change the fields sent; `tiers` replaces the wholesale tiers. All or nothing."""
    store = store_of(request, "catalog:write")
    now = clock.now()
    with transaction.atomic():
        variant = services.update_variant(
            store=store, variant=public_id, now=now, **payload.changes()
        )
        if payload.tiers is not None:
            tiers = [(tier.min_quantity, tier.unit_price_minor) for tier in payload.tiers]
            services.set_wholesale_tiers(store=store, variant=variant, tiers=tiers, now=now)
    variant.refresh_from_db()
    return variant_owner_out(variant, store.settlement_currency)


@router.post("/seller/stock-and-prices", response=StockAndPricesOut)
def update_stock_and_prices(request, payload: StockAndPricesIn):
    """Many SKUs at once: every line is checked first, then all change or none does."""
    store = store_of(request, "catalog:write")
    lines = [line.model_dump(exclude_none=True) for line in payload.updates]
    changed = services.bulk_update_stock_and_price(store=store, updates=lines, now=clock.now())
    currency = store.settlement_currency
    return StockAndPricesOut(updated=[variant_owner_out(v, currency) for v in changed])


@router.post("/seller/products/{public_id}/images", response={201: ProductOwnerOut})
@idempotent
def upload_image(
    request,
    public_id: str,
    image: File[UploadedFile],
    alt_text: Form[str] = "",
    variant: Form[str] = "",
):
    """A JPEG, PNG, WebP or GIF (≤ 10 MB); stored cleaned, with WebP thumbnails."""
    store = store_of(request, "catalog:write")
    ingest_product_image(
        store=store, product=public_id, upload=image, alt_text=alt_text,
        variant=variant or None, now=clock.now(),
    )  # fmt: skip
    return Status(201, product_owner_out(owner_product(store, public_id)))
