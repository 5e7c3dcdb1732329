"""Outbox handlers: catalog and seller events queue the listings whose documents change."""

from django.db import transaction

from tradepost import clock
from tradepost.catalog.models import Category, Product
from tradepost.notifications.registry import Event, handles
from tradepost.search import services
from tradepost.sellers.models import Store

PRODUCT_TOPICS = (
    "product.created",
    "product.updated",
    "product.published",
    "product.submitted_for_review",
    "product.hidden",
    "product.unhidden",
    "product.removed",
    "product.sent_back",
)
SELLER_TOPICS = ("seller.verified", "seller.suspended", "seller.reinstated", "seller.closed")


def _wake_flush() -> None:
    from tradepost.search.tasks import flush_queue_task

    flush_queue_task()


def queue_product(event: Event) -> None:
    ids = Product.objects.filter(public_id=event.payload["product_id"]).values_list("id", flat=True)
    if services.queue_products(ids, now=clock.now()):
        transaction.on_commit(_wake_flush, robust=True)


def queue_seller_listings(event: Event) -> None:
    stores = Store.objects.filter(seller__public_id=event.payload["seller"])
    queued = sum(
        services.queue_store(pk, now=clock.now()) for pk in stores.values_list("id", flat=True)
    )
    if queued:
        transaction.on_commit(_wake_flush, robust=True)


def queue_category_listings(event: Event) -> None:
    """A renamed, moved, prohibited or allowed category: every listing under it."""
    wanted = {event.payload["category_id"]}
    parents = dict(Category.objects.values_list("id", "parent_id"))
    changed = True
    while changed:  # the subtree, whatever its depth
        below = {pk for pk, parent in parents.items() if parent in wanted} - wanted
        wanted |= below
        changed = bool(below)
    ids = Product.objects.filter(category_id__in=wanted).values_list("id", flat=True)
    if services.queue_products(ids, now=clock.now()):
        transaction.on_commit(_wake_flush, robust=True)


handles("category.changed", name="search.queue_category_listings")(queue_category_listings)
for _topic in PRODUCT_TOPICS:
    handles(_topic, name="search.queue_product")(queue_product)
for _topic in SELLER_TOPICS:
    handles(_topic, name="search.queue_seller_listings")(queue_seller_listings)
