"""Reads of the sellers app, shared by pages, the console and the API.

Public reads (`public_stores`, `get_store_by_slug`, `publishable_store_ids`) only ever see stores
of verified sellers: suspending a seller hides its store and listings on the next request.
"""

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from tradepost.accounts.models import User
from tradepost.sellers.errors import SellerNotFound, StoreNotFound
from tradepost.sellers.models import Seller, SellerEvent, Store, StoreTranslation
from tradepost.sellers.states import SellerStatus

FALLBACK_LANGUAGE = "en"


def get_seller_for_user(*, user: User) -> Seller:
    """The user's own application; NotFound when they have not applied."""
    seller = (
        Seller.objects.select_related("store").filter(user_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    if seller is None:
        raise SellerNotFound()
    return seller


def find_seller_for_user(*, user: User) -> Seller | None:
    try:
        return get_seller_for_user(user=user)
    except SellerNotFound:
        return None


def list_sellers_for_review(*, status: str | None = None) -> QuerySet[Seller]:
    """Staff queue: submitted applications first, oldest first; `status` narrows it to one."""
    queryset = Seller.objects.select_related("user", "store")
    if status:
        queryset = queryset.filter(status=status)
    first = Case(
        When(status=SellerStatus.SUBMITTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.order_by(first, "status_changed_at", "created_at", "pk")


def get_seller_for_review(*, public_id: str) -> Seller:
    seller = (
        Seller.objects.select_related("user", "store")
        .prefetch_related(
            Prefetch("events", queryset=SellerEvent.objects.select_related("actor")),
            "store__translations",
        )
        .filter(public_id=public_id)
        .first()
    )
    if seller is None:
        raise SellerNotFound()
    return seller


def public_stores() -> QuerySet[Store]:
    """Stores buyers may see: their seller is verified. Other apps filter listings with this."""
    return Store.objects.filter(seller__status=SellerStatus.VERIFIED)


def publishable_store_ids() -> QuerySet:
    """Ids of public stores, for `store_id__in=` filters (one SQL subquery, nothing loaded)."""
    return public_stores().values("pk")


def list_public_stores(*, country: str | None = None) -> QuerySet[Store]:
    queryset = (
        public_stores()
        .select_related("seller")
        .prefetch_related(Prefetch("translations", queryset=StoreTranslation.objects.all()))
        .order_by("name", "pk")
    )
    if country:
        queryset = queryset.filter(country=country.upper())
    return queryset


def get_store_by_slug(*, slug: str) -> Store:
    """A public store with its seller and translations; NotFound unless the seller is verified."""
    store = (
        public_stores()
        .select_related("seller")
        .prefetch_related("translations")
        .filter(slug=slug.lower())
        .first()
    )
    if store is None:
        raise StoreNotFound()
    return store


def store_description(store: Store, language: str) -> str:
    """Requested language → the store's original language → English (uses prefetched rows)."""
    texts = {t.language: t.description for t in store.translations.all() if t.description}
    for code in (language, store.original_language, FALLBACK_LANGUAGE):
        if code in texts:
            return texts[code]
    return ""
