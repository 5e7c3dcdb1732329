"""Public reads of the catalog, shared by the storefront pages and the public API.

A product is public when it is ACTIVE, its store's seller is VERIFIED (a suspended seller's
listings vanish at once) and neither its category nor any ancestor is prohibited.

Product text follows DESIGN.md §4: requested language → the product's original language →
English. Every list selector runs a constant number of queries whatever the number of products,
variants or images: the page, its count, one query for the translations of the language chain and
one for the first image of each product.

Prices: filters and sorting compare the lowest variant price (`min_price_minor`, in each store's
own currency) converted into the buyer's display currency inside the query, with one factor per
store currency (`PriceFactors`). A store currency without a rate to the display currency cannot
be compared: such products are left out when a price range is given and sort last by price.
"""

import dataclasses
import functools
import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from django.core.cache import cache, caches
from django.core.files.storage import default_storage
from django.db.models import (
    Case,
    DecimalField,
    F,
    Prefetch,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)

from tradepost.catalog import translation, versions
from tradepost.catalog.errors import ProductNotFound
from tradepost.catalog.models import (
    Category,
    Product,
    ProductImage,
    ProductTranslation,
    Variant,
    WholesaleTier,
)
from tradepost.catalog.states import ProductStatus
from tradepost.errors import NotFound
from tradepost.money.money import Money
from tradepost.sellers.models import Seller, Store
from tradepost.sellers.states import SellerStatus
from tradepost.web import prepared

FALLBACK_LANGUAGE = translation.FALLBACK_LANGUAGE
SORTS = ("newest", "price_asc", "price_desc", "orders")
PER_PAGE = 24
CACHE_SECONDS = 600

T = TypeVar("T")


class StoreNotFound(NotFound):
    code = "store_not_found"


class CategoryNotFound(NotFound):
    code = "category_not_found"


# --- cached reads -----------------------------------------------------------------------------


def _cached(key: str, build, timeout: int = CACHE_SECONDS):
    """`build()`, kept under a key that carries the catalog version: in this process (shared by
    its threads, never changed by readers), then in the shared cache for the other processes."""
    full_key = f"catalog:{versions.current()}:{key}"
    local = caches["objects"]
    value = local.get(full_key)
    if value is None:
        value = cache.get(full_key)
        if value is None:
            value = build()
            cache.set(full_key, value, timeout)
        local.set(full_key, value, timeout)
    return value


# --- translations -----------------------------------------------------------------------------


def resolve_translation(translations: Iterable[T], requested: str, original: str) -> T | None:
    """The row to show: requested → original → English → any (catalog.translation)."""
    return translation.resolve({t.language: t for t in translations}, requested, original)


# --- categories -------------------------------------------------------------------------------


@dataclasses.dataclass
class CategoryNode:
    id: int
    slug: str
    name: str
    depth: int
    parent_id: int | None
    children: list["CategoryNode"] = dataclasses.field(default_factory=list)
    descendant_ids: tuple[int, ...] = ()  # itself included


@dataclasses.dataclass
class CategoryTree:
    roots: list[CategoryNode]
    by_id: dict[int, CategoryNode]
    by_slug: dict[str, CategoryNode]
    blocked_ids: frozenset[int]  # prohibited categories and everything under them

    def ancestors(self, node: CategoryNode) -> list[CategoryNode]:
        """From the root down to `node`'s parent."""
        chain = []
        while node.parent_id is not None and node.parent_id in self.by_id:
            node = self.by_id[node.parent_id]
            chain.append(node)
        return chain[::-1]


def _build_tree(language: str) -> CategoryTree:
    categories = list(
        Category.objects.only("id", "slug", "depth", "parent_id", "prohibited", "position")
        .prefetch_related("translations")
        .order_by("depth", "position", "slug")
    )
    by_id: dict[int, CategoryNode] = {}
    blocked: set[int] = set()
    roots: list[CategoryNode] = []
    for category in categories:  # parents come first: ordered by depth
        if category.prohibited or category.parent_id in blocked:
            blocked.add(category.id)
            continue
        translation = resolve_translation(category.translations.all(), language, FALLBACK_LANGUAGE)
        node = CategoryNode(
            id=category.id,
            slug=category.slug,
            name=translation.name if translation else category.slug,
            depth=category.depth,
            parent_id=category.parent_id,
        )
        by_id[node.id] = node
        parent = by_id.get(category.parent_id)
        (parent.children if parent else roots).append(node)
    for node in sorted(by_id.values(), key=lambda n: -n.depth):
        node.descendant_ids = (node.id, *(i for c in node.children for i in c.descendant_ids))
    return CategoryTree(
        roots=roots,
        by_id=by_id,
        by_slug={n.slug: n for n in by_id.values()},
        blocked_ids=frozenset(blocked),
    )


def category_tree(language: str) -> CategoryTree:
    """Every public category with its name in `language` (→ English), cached per language."""
    return _cached(f"tree:{language}", lambda: _build_tree(language))


def get_public_category(slug: str, language: str) -> CategoryNode:
    node = category_tree(language).by_slug.get(slug)
    if node is None:
        raise CategoryNotFound()
    return node


# --- images -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ImageView:
    public_id: str
    src: str
    srcset: str
    width: int
    height: int
    alt: str
    variant_id: int | None


def image_view(image: ProductImage, *, prefer_width: int = 320) -> ImageView:
    """`src` is the thumbnail nearest `prefer_width`; `srcset` lists every width."""
    thumbs = sorted((int(w), path) for w, path in (image.thumbnails or {}).items())
    if thumbs:
        _, path = min(thumbs, key=lambda t: abs(t[0] - prefer_width))
        src = default_storage.url(path)
        srcset = ", ".join(f"{default_storage.url(p)} {w}w" for w, p in thumbs)
    else:
        src, srcset = default_storage.url(image.original.name), ""
    return ImageView(
        public_id=image.public_id,
        src=src,
        srcset=srcset,
        width=image.width,
        height=image.height,
        alt=image.alt_text,
        variant_id=image.variant_id,
    )


# --- product lists ----------------------------------------------------------------------------


class PriceFactors(Protocol):
    """Multiplies a minor amount of `currency` into minor units of the display currency."""

    display_currency: str

    def factor(self, currency: str) -> Decimal | None: ...


@dataclasses.dataclass(frozen=True)
class ProductCard:
    public_id: str
    title: str
    slug: str
    language: str
    price: Money  # the lowest variant price, in the store's currency
    image: ImageView | None
    store_name: str
    store_slug: str
    store_country: str
    order_count: int

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of everything the card shows (cards are cached and reused: computed once)."""
        return hashlib.sha1(repr(self).encode(), usedforsecurity=False).hexdigest()


def _public_products() -> QuerySet[Product]:
    return Product.objects.filter(
        status=ProductStatus.ACTIVE,
        store__seller__status=SellerStatus.VERIFIED,
        category__prohibited=False,
    )


def _price_in_display(factors: PriceFactors):
    whens = []
    for currency in _store_currencies():
        factor = factors.factor(currency)
        if factor is not None:
            whens.append(
                When(store__settlement_currency=currency, then=F("min_price_minor") * Value(factor))
            )
    decimal = DecimalField(max_digits=40, decimal_places=12)
    return Case(*whens, default=Value(None), output_field=decimal)


def _store_currencies() -> tuple[str, ...]:
    return _cached(
        "store-currencies",
        lambda: tuple(
            Store.objects.order_by().values_list("settlement_currency", flat=True).distinct()
        ),
    )


def _cards(products: Sequence[Product], language: str) -> list[ProductCard]:
    """Cards for already-fetched products: two queries (translations, first images)."""
    ids = [p.id for p in products]
    if not ids:
        return []
    originals = {p.original_language for p in products}
    translations: dict[int, list[ProductTranslation]] = {}
    for t in ProductTranslation.objects.filter(
        product_id__in=ids, language__in={language, FALLBACK_LANGUAGE, *originals}
    ).only("product_id", "language", "title", "slug"):
        translations.setdefault(t.product_id, []).append(t)
    first = Prefetch(
        "images", queryset=ProductImage.objects.order_by("position", "id")[:1], to_attr="first"
    )
    prefetch_related_objects(list(products), first)
    cards = []
    for product in products:
        tr = resolve_translation(
            translations.get(product.id, []), language, product.original_language
        )
        image = product.first[0] if product.first else None
        store = product.store
        cards.append(
            ProductCard(
                public_id=product.public_id,
                title=tr.title if tr else product.public_id,
                slug=tr.slug if tr else "item",
                language=tr.language if tr else language,
                price=Money(product.min_price_minor, store.settlement_currency),
                image=image_view(image) if image else None,
                store_name=store.name,
                store_slug=store.slug,
                store_country=str(store.country),
                order_count=product.order_count,
            )
        )
    return cards


def cards_for_ids(ids: Sequence[int], language: str) -> list[ProductCard]:
    """Cards for listings found by search, in the given order. A listing that stopped being
    public since it was indexed is left out.

    One query finds which are still public and their revisions; cards already built for that
    revision (and store cards version) come from this process's card cache, the others are
    built (three queries) and kept. A card changes only with its product's revision, which
    every edit raises, or with `versions.shared` (store names)."""
    if not ids:
        return []
    revisions = _public_revisions(ids, category_tree(language).blocked_ids)
    shared = versions.current().shared
    keys = {pk: f"{pk}:{rev}:{shared}:{language}" for pk, rev in revisions.items()}
    found = caches["cards"].get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        products = (
            Product.objects.filter(id__in=missing).select_related("store").only(*_CARD_FIELDS)
        )
        built = dict(zip(missing, _cards(_in_order(products, missing), language), strict=True))
        fresh = {keys[pk]: card for pk, card in built.items()}
        caches["cards"].set_many(fresh)
        found.update(fresh)
    return [found[keys[pk]] for pk in ids if pk in keys]


def _in_order(products, ids: Sequence[int]) -> list[Product]:
    by_id = {p.id: p for p in products}
    return [by_id[pk] for pk in ids]


def _public_revisions(ids: Sequence[int], blocked: frozenset[int]) -> dict[int, int]:
    """{id: revision} of the public listings among `ids`, in plain SQL (see _STAMP_SQL)."""
    if prepared.is_postgres():  # one SQL text for any number of ids: prepared once
        sql, id_params = _REVISIONS_SQL.format(ids="= ANY(%s)"), [list(ids)]
    else:
        sql, id_params = _REVISIONS_SQL.format(ids=f"IN ({', '.join(['%s'] * len(ids))})"), ids
    rows = prepared.fetch_all(sql, [*id_params, ProductStatus.ACTIVE, SellerStatus.VERIFIED])
    return {pk: revision for pk, revision, category_id in rows if category_id not in blocked}


_REVISIONS_SQL = f"""
    SELECT p.id, p.revision, p.category_id
    FROM {Product._meta.db_table} p
    JOIN {Store._meta.db_table} s ON s.id = p.store_id
    JOIN {Seller._meta.db_table} se ON se.id = s.seller_id
    JOIN {Category._meta.db_table} c ON c.id = p.category_id
    WHERE p.id {{ids}} AND p.status = %s AND se.status = %s AND NOT c.prohibited
"""  # noqa: S608 - table names from model metadata, values as parameters


_CARD_FIELDS = (
    "id",
    "public_id",
    "original_language",
    "min_price_minor",
    "order_count",
    "created_at",
    "store",
    "store__name",
    "store__slug",
    "store__country",
    "store__settlement_currency",
)


def _top_cards(order: tuple, limit: int, language: str) -> list[ProductCard]:
    blocked = category_tree(language).blocked_ids
    products = list(
        _public_products()
        .exclude(category_id__in=blocked)
        .select_related("store")
        .order_by(*order)[:limit]
    )
    return _cards(products, language)


def new_products(limit: int, language: str) -> list[ProductCard]:
    return _top_cards(("-created_at", "-id"), limit, language)


def popular_products(limit: int, language: str) -> list[ProductCard]:
    return _top_cards(("-order_count", "-created_at", "-id"), limit, language)


def home_lists(limit: int, language: str, timeout: int = 60) -> tuple[list, list]:
    """(new, popular) cards, cached briefly: the home page is the most-read page of the site."""
    return _cached(
        f"home:{language}:{limit}",
        lambda: (new_products(limit, language), popular_products(limit, language)),
        timeout,
    )


# --- one product, one store -------------------------------------------------------------------


@dataclasses.dataclass
class ProductDetail:
    product: Product
    translation: ProductTranslation | None  # the one shown (fallback chain)
    translations: list[ProductTranslation]  # every language the product has
    variants: list[Variant]  # active ones, with `tiers` prefetched
    images: list[ProductImage]
    store: Store
    category: CategoryNode
    category_path: list[CategoryNode]

    def variant(self, public_id: str | None) -> Variant | None:
        if not self.variants:
            return None
        for variant in self.variants:
            if variant.public_id == public_id:
                return variant
        return None if public_id else self.variants[0]

    def images_for(self, variant: Variant | None) -> list[ProductImage]:
        """The variant's own images first, then the product's."""
        if variant is None:
            return self.images
        own = [i for i in self.images if i.variant_id == variant.id]
        return own + [i for i in self.images if i.variant_id != variant.id]


def public_product_stamp(public_id: str) -> str | None:
    """What a cached product page is keyed by, in one query: it changes with every edit of the
    product (services raise its revision), with store cards and the category tree
    (`versions.shared`); None when no such public product exists. The catalog versions come
    with it, so the request needs no other query when the page is cached."""
    row = prepared.fetch_one(_STAMP_SQL, [public_id, ProductStatus.ACTIVE, SellerStatus.VERIFIED])
    if row is None:
        return None
    product_id, revision, listings, shared = row
    versions.remember(listings, shared)
    return f"product:{product_id}:{revision}:{shared}"


# Plain SQL on the hot path of every product view: the ORM took longer to build this query
# (four joins) than the database took to answer it. Same conditions as _public_products().
_STAMP_SQL = f"""
    SELECT p.id, p.revision, v.listings, v.shared
    FROM {Product._meta.db_table} p
    JOIN {Store._meta.db_table} s ON s.id = p.store_id
    JOIN {Seller._meta.db_table} se ON se.id = s.seller_id
    JOIN {Category._meta.db_table} c ON c.id = p.category_id
    CROSS JOIN {versions.TABLE} v
    WHERE p.public_id = %s AND p.status = %s AND se.status = %s AND NOT c.prohibited
      AND v.id = 1
"""  # noqa: S608 - table names from model metadata, values as parameters


def get_public_product(public_id: str, language: str) -> ProductDetail:
    """Product, translations, active variants with tiers, images, store and seller: 5 queries."""
    tree = category_tree(language)
    product = (
        _public_products()
        .select_related("store", "store__seller")
        .filter(public_id=public_id)
        .first()
    )
    if product is None or product.category_id not in tree.by_id:
        raise ProductNotFound()
    translations = list(product.translations.all())
    variants = list(
        product.variants.filter(is_active=True).prefetch_related(
            Prefetch("tiers", queryset=WholesaleTier.objects.order_by("min_quantity"))
        )
    )
    images = list(product.images.all())
    category = tree.by_id[product.category_id]
    return ProductDetail(
        product=product,
        translation=resolve_translation(translations, language, product.original_language),
        translations=translations,
        variants=variants,
        images=images,
        store=product.store,
        category=category,
        category_path=[*tree.ancestors(category), category],
    )


def get_public_store(slug: str) -> Store:
    """A store whose seller is verified, with its seller and description translations."""
    store = (
        Store.objects.select_related("seller")
        .prefetch_related("translations")
        .filter(slug=slug, seller__status=SellerStatus.VERIFIED)
        .first()
    )
    if store is None:
        raise StoreNotFound()
    return store


def ship_from_countries() -> tuple[str, ...]:
    """Countries that verified stores ship from (the store's country until shipping templates)."""
    return _cached(
        "ship-from",
        lambda: tuple(
            sorted(
                str(c)
                for c in Store.objects.filter(seller__status=SellerStatus.VERIFIED)
                .order_by()
                .values_list("country", flat=True)
                .distinct()
            )
        ),
    )


# --- sitemap ----------------------------------------------------------------------------------


def public_products_for_sitemap() -> QuerySet:
    """Ids of every public product, oldest first (stable pages for the sitemap)."""
    blocked = category_tree(FALLBACK_LANGUAGE).blocked_ids
    return (
        _public_products()
        .exclude(category_id__in=blocked)
        .order_by("id")
        .values_list("id", flat=True)
    )


def product_slugs(product_ids: Sequence[int]) -> dict[str, dict[str, str]]:
    """{public_id: {language: slug}} with the original language first, in one query."""
    rows = ProductTranslation.objects.filter(product_id__in=product_ids).values_list(
        "product__public_id", "product__original_language", "language", "slug"
    )
    result: dict[str, dict[str, str]] = {}
    for public_id, _original, language, slug in sorted(
        rows, key=lambda r: (r[0], r[2] != r[1], r[2])
    ):
        result.setdefault(public_id, {})[language] = slug
    return result


def public_store_slugs() -> list[str]:
    return list(
        Store.objects.filter(seller__status=SellerStatus.VERIFIED)
        .order_by("slug")
        .values_list("slug", flat=True)
    )


def stores_in_category(category: CategoryNode | None, language: str) -> tuple[tuple[str, str], ...]:
    """(slug, name) of the stores with public products under `category` (filter choices)."""

    def build():
        products = _public_products().exclude(category_id__in=category_tree(language).blocked_ids)
        if category is not None:
            products = products.filter(category_id__in=category.descendant_ids)
        store_ids = products.order_by().values("store_id").distinct()
        stores = Store.objects.filter(id__in=store_ids).order_by("name")[:200]
        return tuple(stores.values_list("slug", "name"))

    return _cached(f"stores-in:{category.id if category else 0}", build)


def store_labels(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """{id: (slug, name)} of the verified stores among `ids`, for store facets.

    Kept per process under the catalog version (a rename moves `shared`, a suspension
    `listings`): a facet of twenty stores is a dictionary read, not a query per search."""
    ids = list(ids)
    if not ids:
        return {}
    prefix = f"catalog:{versions.current()}:store-label:"
    local = caches["objects"]
    found = local.get_many([f"{prefix}{pk}" for pk in ids])
    labels = {pk: found[f"{prefix}{pk}"] for pk in ids if f"{prefix}{pk}" in found}
    missing = [pk for pk in ids if pk not in labels]
    if missing:
        rows = Store.objects.filter(id__in=missing, seller__status=SellerStatus.VERIFIED)
        fresh = {pk: (slug, name) for pk, slug, name in rows.values_list("id", "slug", "name")}
        local.set_many({f"{prefix}{pk}": label for pk, label in fresh.items()}, CACHE_SECONDS)
        labels.update(fresh)
    return labels
