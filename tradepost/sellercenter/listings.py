"""Reads of the seller center: the signed-in seller's own listings, always filtered by store.

(catalog.selectors serves the public storefront; these are the seller-side reads the pages need.
Another store's product is "not found", exactly like a product that does not exist.)
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from tradepost.catalog.errors import ProductNotFound
from tradepost.catalog.models import (
    Category,
    CertificationDocument,
    Product,
    ProductImage,
    ProductTranslation,
    Variant,
    WholesaleTier,
)
from tradepost.catalog.selectors import category_tree
from tradepost.catalog.states import ProductStatus
from tradepost.sellers.models import Store


def list_products_for_store(*, store: Store, query: str = "", status: str = "") -> QuerySet:
    """The store's listings, newest first, with what the listing table shows (constant queries).

    `query` matches a title in any language or a SKU; removed listings appear only when asked for.
    """
    active = Q(variants__is_active=True)
    products = (
        Product.objects.filter(store=store)
        .annotate(
            variant_count=Count("variants", filter=active),
            stock_total=Sum("variants__stock", filter=active),
        )
        .prefetch_related(
            "translations",
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
        )
        .order_by("-created_at", "-id")
    )
    if status:
        products = products.filter(status=status)
    else:
        products = products.exclude(status=ProductStatus.REMOVED)
    if query := query.strip():
        titles = ProductTranslation.objects.filter(product=OuterRef("pk"), title__icontains=query)
        skus = Variant.objects.filter(product=OuterRef("pk"), sku__icontains=query)
        products = products.filter(Exists(titles) | Exists(skus))
    return products


def get_product_for_store(*, store: Store, public_id: str) -> Product:
    """One listing of the store with its texts, variants (and tiers), images and certificates."""
    product = (
        Product.objects.filter(store=store, public_id=public_id)
        .select_related("category", "store__seller")
        .prefetch_related(
            "translations",
            Prefetch(
                "variants",
                queryset=Variant.objects.order_by("-is_active", "position", "id").prefetch_related(
                    Prefetch("tiers", queryset=WholesaleTier.objects.order_by("min_quantity"))
                ),
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")),
            Prefetch("certificates", queryset=CertificationDocument.objects.order_by("id")),
        )
        .first()
    )
    if product is None:
        raise ProductNotFound()
    return product


def category_choices(language: str) -> list[tuple[str, str]]:
    """Every category a listing may go in, as ("id", "Root › Child › Leaf") in tree order."""
    tree = category_tree(language)
    choices: list[tuple[str, str]] = []

    def walk(nodes, trail):
        for node in nodes:
            names = [*trail, node.name]
            choices.append((str(node.id), " › ".join(names)))
            walk(node.children, names)

    walk(tree.roots, [])
    return choices


def get_category(category_id) -> Category | None:
    """A category a listing may be put in (None for an unknown or prohibited one)."""
    return Category.objects.filter(pk=category_id, prohibited=False).first()
