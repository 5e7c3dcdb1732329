"""The account API: the caller's own profile preferences and address book."""

from django.http import HttpResponse
from ninja import Router, Status

from tradepost.accounts import selectors, services
from tradepost.accounts.schemas import (
    AddressCreateIn,
    AddressIn,
    AddressOut,
    MeOut,
    PreferencesIn,
)
from tradepost.api.auth import require_scope
from tradepost.api.idempotency import idempotent

router = Router(tags=["account"])


@router.get("/me", response=MeOut)
def get_me(request):
    require_scope(request, "account:read")
    return request.auth


@router.patch("/me", response=MeOut)
def update_me(request, payload: PreferencesIn):
    require_scope(request, "account:write")
    return services.update_preferences(user=request.auth, **payload.model_dump())


@router.get("/addresses", response=list[AddressOut])
def list_addresses(request):
    require_scope(request, "account:read")
    return selectors.list_addresses_for_user(user=request.auth)


@router.post("/addresses", response={201: AddressOut})
@idempotent
def create_address(request, payload: AddressCreateIn):
    require_scope(request, "account:write")
    address = services.add_address(
        user=request.auth, data=payload.to_input(), make_default=payload.is_default
    )
    return Status(201, address)


@router.get("/addresses/{public_id}", response=AddressOut)
def get_address(request, public_id: str):
    require_scope(request, "account:read")
    return selectors.get_address_for_user(user=request.auth, public_id=public_id)


@router.put("/addresses/{public_id}", response=AddressOut)
def replace_address(request, public_id: str, payload: AddressIn):
    require_scope(request, "account:write")
    return services.update_address(user=request.auth, public_id=public_id, data=payload.to_input())


@router.delete("/addresses/{public_id}", response={204: None})
def delete_address(request, public_id: str):
    require_scope(request, "account:write")
    services.delete_address(user=request.auth, public_id=public_id)
    return HttpResponse(status=204)
