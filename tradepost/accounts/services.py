"""Every write of the accounts app: profile preferences, address book, API tokens."""

import hashlib
import hmac
import secrets
from dataclasses import asdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.accounts import addresses, selectors
from tradepost.accounts.errors import InvalidPreference, TooManyApiTokens, UnknownScope
from tradepost.accounts.models import Address, ApiToken, User
from tradepost.accounts.scopes import API_SCOPES
from tradepost.errors import InvalidInput
from tradepost.money.currencies import DISPLAY_CURRENCIES

MAX_ACTIVE_API_TOKENS = 20
TOKEN_PREFIX = "tp"


def update_preferences(
    *,
    user: User,
    preferred_language: str | None = None,
    display_currency: str | None = None,
    ship_to_country: str | None = None,
) -> User:
    """Set any of the three display preferences; each value is checked against what is offered."""
    errors: dict[str, list[str]] = {}
    changes: dict[str, str] = {}
    if preferred_language is not None:
        if preferred_language not in dict(settings.LANGUAGES):
            errors["preferred_language"] = [str(InvalidPreference.default_message)]
        changes["preferred_language"] = preferred_language
    if display_currency is not None:
        if display_currency not in DISPLAY_CURRENCIES:
            errors["display_currency"] = [str(InvalidPreference.default_message)]
        changes["display_currency"] = display_currency
    if ship_to_country is not None:
        if ship_to_country not in countries:
            errors["ship_to_country"] = [str(InvalidPreference.default_message)]
        changes["ship_to_country"] = ship_to_country
    if errors:
        raise InvalidPreference(fields=errors)
    for field, value in changes.items():
        setattr(user, field, value)
    if changes:
        user.save(update_fields=list(changes))
    return user


@transaction.atomic
def add_address(*, user: User, data: addresses.AddressInput, make_default: bool = False) -> Address:
    clean = addresses.validate_address(data)
    is_first = not user.addresses.exists()
    if make_default or is_first:
        user.addresses.filter(is_default=True).update(is_default=False)
    return Address.objects.create(user=user, is_default=make_default or is_first, **asdict(clean))


@transaction.atomic
def update_address(*, user: User, public_id: str, data: addresses.AddressInput) -> Address:
    address = selectors.get_address_for_user(user=user, public_id=public_id, for_update=True)
    clean = addresses.validate_address(data)
    for field, value in asdict(clean).items():
        setattr(address, field, value)
    address.save()
    return address


@transaction.atomic
def set_default_address(*, user: User, public_id: str) -> Address:
    address = selectors.get_address_for_user(user=user, public_id=public_id, for_update=True)
    user.addresses.filter(is_default=True).exclude(pk=address.pk).update(is_default=False)
    if not address.is_default:
        address.is_default = True
        address.save(update_fields=["is_default"])
    return address


@transaction.atomic
def delete_address(*, user: User, public_id: str) -> None:
    address = selectors.get_address_for_user(user=user, public_id=public_id, for_update=True)
    was_default = address.is_default
    address.delete()
    if was_default and (successor := user.addresses.order_by("-created_at").first()):
        successor.is_default = True
        successor.save(update_fields=["is_default"])


def _hash_secret(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(
    *, user: User, name: str, scopes: list[str], now: datetime
) -> tuple[ApiToken, str]:
    """Create a token and return it with its plain text, which is never stored or shown again."""
    unknown = sorted(set(scopes) - set(API_SCOPES))
    if unknown:
        raise UnknownScope(fields={"scopes": [", ".join(unknown)]})
    name = name.strip()[:100]
    if not name:
        raise InvalidInput(fields={"name": [str(_("This field is required."))]})
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_API_TOKENS:
        raise TooManyApiTokens()
    prefix = secrets.token_hex(6)
    plain = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=_hash_secret(plain),
        scopes=sorted(set(scopes)),
        created_at=now,
    )
    return token, plain


def revoke_api_token(*, user: User, public_id: str, now: datetime) -> ApiToken:
    token = selectors.get_api_token_for_user(user=user, public_id=public_id)
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        token.refresh_from_db(fields=["revoked_at"])
    return token


TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def authenticate_api_token(*, plain: str, now: datetime) -> ApiToken | None:
    """Return the active token for a presented secret, or None. Constant-time hash comparison."""
    parts = plain.split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _hash_secret(plain)):
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        # At most one write a minute per token: "last used" needs no finer grain, and a busy
        # integration would otherwise commit a row update on every request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
