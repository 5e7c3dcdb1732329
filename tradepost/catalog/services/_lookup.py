"""Tenant-scoped look-ups for the write side: another store's rows are "not found", never 403.

(Reads for pages and the API are in `catalog.selectors`; these lock rows for an update.)
"""

from django.contrib.auth import get_user_model

from tradepost.accounts.roles import is_staff_member
from tradepost.catalog.errors import ProductNotFound, StaffOnly, VariantNotFound
from tradepost.catalog.models import Product, Variant
from tradepost.sellers.models import Store


def _key(value: object) -> dict:
    """A model instance is looked up by its pk, anything else as a public id."""
    if isinstance(value, Product | Variant):
        return {"pk": value.pk}
    if isinstance(value, str) and value:
        return {"public_id": value}
    return {"pk": None}  # matches nothing


def product_for_store(*, store: Store, product: Product | str, lock: bool = True) -> Product:
    queryset = Product.objects.select_related("category", "store__seller")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(store=store, **_key(product)).first()
    if found is None:
        raise ProductNotFound()
    return found


def product_for_staff(*, product: Product | str, lock: bool = True) -> Product:
    queryset = Product.objects.select_related("category", "store__seller")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(**_key(product)).first()
    if found is None:
        raise ProductNotFound()
    return found


def variant_for_store(*, store: Store, variant: Variant | str, lock: bool = True) -> Variant:
    queryset = Variant.objects.select_related("product")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(store=store, **_key(variant)).first()
    if found is None:
        raise VariantNotFound()
    return found


def require_staff(user) -> None:
    if not isinstance(user, get_user_model()) or not is_staff_member(user):
        raise StaffOnly()
