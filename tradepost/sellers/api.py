"""The sellers router: public stores with their trader disclosure, and the caller's own application."""

from django.utils.translation import get_language
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tradepost import clock
from tradepost.api.auth import require_scope
from tradepost.api.idempotency import idempotent
from tradepost.sellers import selectors, services
from tradepost.sellers.schemas import (
    ApplicationIn,
    PayoutIn,
    SellerOwnerOut,
    StoreIn,
    StorePageOut,
    StorePublicOut,
    SubmitIn,
    TraderDetailsIn,
    store_public,
)

router = Router(tags=["sellers"])


class StoreFilter(Schema):
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)
    country: str | None = Field(None, max_length=2)
    lang: str | None = Field(None, max_length=8, description="Language of the descriptions")


def _language(lang: str | None) -> str:
    return lang or get_language() or "en"


@router.get("/stores", response=StorePageOut, auth=None)
def list_stores(request, query: Query[StoreFilter]):
    """Stores of verified sellers, by name; `has_next` says whether another page follows."""
    start = (query.page - 1) * query.page_size
    rows = list(
        selectors.list_public_stores(country=query.country)[start : start + query.page_size + 1]
    )
    language = _language(query.lang)
    items = [store_public(s, selectors.store_description(s, language)) for s in rows]
    return StorePageOut(
        items=items[: query.page_size],
        page=query.page,
        page_size=query.page_size,
        has_next=len(items) > query.page_size,
    )


@router.get("/stores/{slug}", response=StorePublicOut, auth=None)
def get_store(request, slug: str, lang: str | None = None):
    store = selectors.get_store_by_slug(slug=slug)
    return store_public(store, selectors.store_description(store, _language(lang)))


@router.get("/seller/me", response=SellerOwnerOut)
def get_my_application(request):
    require_scope(request, "seller:read")
    return selectors.get_seller_for_user(user=request.auth)


@router.post("/seller/me", response={201: SellerOwnerOut})
@idempotent
def start_application(request, payload: ApplicationIn):
    require_scope(request, "seller:write")
    seller = services.start_application(user=request.auth, kind=payload.kind, now=clock.now())
    return Status(201, seller)


@router.put("/seller/me/trader-details", response=SellerOwnerOut)
def put_trader_details(request, payload: TraderDetailsIn):
    require_scope(request, "seller:write")
    seller = selectors.get_seller_for_user(user=request.auth)
    return services.update_trader_details(seller=seller, data=payload.to_input(), now=clock.now())


@router.put("/seller/me/payout-account", response=SellerOwnerOut)
def put_payout_account(request, payload: PayoutIn):
    """Set the payout account; replacing one needs `password` (else 403 reauthentication_required)."""
    require_scope(request, "seller:write")
    seller = selectors.get_seller_for_user(user=request.auth)
    return services.update_payout_account(
        seller=seller, data=payload.to_input(), now=clock.now(), password=payload.password
    )


@router.put("/seller/me/store", response=SellerOwnerOut)
def put_store(request, payload: StoreIn):
    """Create the store, or change it (its address and currency are fixed after review)."""
    require_scope(request, "seller:write")
    seller = selectors.get_seller_for_user(user=request.auth)
    save = services.update_store if hasattr(seller, "store") else services.create_store
    save(seller=seller, now=clock.now(), **payload.model_dump())
    return selectors.get_seller_for_user(user=request.auth)


@router.post("/seller/me/submit", response=SellerOwnerOut)
def submit_application(request, payload: SubmitIn):
    require_scope(request, "seller:write")
    seller = selectors.get_seller_for_user(user=request.auth)
    services.submit_application(
        seller=seller, self_certified=payload.self_certified, now=clock.now()
    )
    return selectors.get_seller_for_user(user=request.auth)
