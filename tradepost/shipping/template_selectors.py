"""Reads of a seller's own shipping templates for the seller center and the seller API.

Every read takes the seller's store: another store's template is ShippingTemplateNotFound (404),
never a hint that it exists.
"""

from typing import NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet

from tradepost.catalog.models import Product
from tradepost.catalog.states import ProductStatus
from tradepost.sellers.models import Store
from tradepost.shipping.errors import ShippingTemplateNotFound
from tradepost.shipping.models import ShippingTemplate, ShippingZone

_LIVE = ~Q(products__status=ProductStatus.REMOVED)


def list_templates_for_store(*, store: Store) -> QuerySet[ShippingTemplate]:
    """The store's templates, default first, each with its zones and `listing_count` (listings
    that chose it, removed ones aside): two queries."""
    return (
        ShippingTemplate.objects.filter(store=store)
        .annotate(listing_count=Count("products", filter=_LIVE))
        .prefetch_related(Prefetch("zones", queryset=ShippingZone.objects.order_by("id")))
        .order_by("-is_default", "name", "id")
    )


def get_template_for_store(*, store: Store, public_id: str) -> ShippingTemplate:
    """One of the store's templates with its zones and `listing_count`."""
    if not isinstance(public_id, str) or not public_id:
        raise ShippingTemplateNotFound()
    template = list_templates_for_store(store=store).filter(public_id=public_id).first()
    if template is None:
        raise ShippingTemplateNotFound()
    return template


def count_listings_without_template(*, store: Store) -> int:
    """Listings of the store that ship with its default template (they chose none)."""
    return (
        Product.objects.filter(store=store, shipping_template__isnull=True)
        .exclude(status=ProductStatus.REMOVED)
        .count()
    )


class TemplateChoice(NamedTuple):
    pk: int
    public_id: str
    name: str
    is_default: bool


def template_choices_for_store(*, store: Store) -> list[TemplateChoice]:
    """The store's templates for a <select>, default first: one query."""
    rows = (
        ShippingTemplate.objects.filter(store=store)
        .order_by("-is_default", "name", "id")
        .values_list("pk", "public_id", "name", "is_default")
    )
    return [TemplateChoice(*row) for row in rows]
