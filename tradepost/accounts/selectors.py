"""Reads of the accounts app. Every read is scoped to the acting user: others' rows are NotFound."""

from django.db.models import QuerySet

from tradepost.accounts.errors import AddressNotFound, ApiTokenNotFound
from tradepost.accounts.models import Address, ApiToken, User


def list_addresses_for_user(*, user: User) -> QuerySet[Address]:
    return Address.objects.filter(user=user).order_by("-is_default", "-created_at")


def get_address_for_user(*, user: User, public_id: str, for_update: bool = False) -> Address:
    queryset = Address.objects.filter(user=user, public_id=public_id)
    if for_update:
        queryset = queryset.select_for_update()
    address = queryset.first()
    if address is None:
        raise AddressNotFound()
    return address


def list_api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def get_api_token_for_user(*, user: User, public_id: str) -> ApiToken:
    token = ApiToken.objects.filter(user=user, public_id=public_id).first()
    if token is None:
        raise ApiTokenNotFound()
    return token
