"""The API tokens page: create (secret shown once, stored hashed), list, revoke; tenant isolation."""

import pytest

from tradepost.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

PAGE = "/en/account/api-tokens/"


def test_create_shows_the_secret_once_and_stores_only_its_hash(client, buyer):
    client.force_login(buyer)

    response = client.post(PAGE, {"name": "my shop sync", "scopes": ["account:read"]})

    secret = response.context["new_secret"]
    token = ApiToken.objects.get(user=buyer)
    assert secret.startswith(f"tp_{token.prefix}_")
    assert secret not in token.secret_hash and len(token.secret_hash) == 64
    assert token.scopes == ["account:read"]
    assert secret not in client.get(PAGE).content.decode()


def test_unknown_scope_is_refused(client, buyer):
    client.force_login(buyer)

    response = client.post(PAGE, {"name": "x", "scopes": ["admin:everything"]})

    assert response.context["form"].errors["scopes"]
    assert ApiToken.objects.count() == 0


def test_revoke_marks_the_token_revoked(client, buyer):
    client.force_login(buyer)
    client.post(PAGE, {"name": "sync", "scopes": ["account:read"]})
    token = ApiToken.objects.get()

    client.post(f"{PAGE}{token.public_id}/revoke/")

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_user_cannot_revoke(client, buyer, other_buyer):
    client.force_login(buyer)
    client.post(PAGE, {"name": "sync", "scopes": ["account:read"]})
    token = ApiToken.objects.get()
    client.force_login(other_buyer)

    response = client.post(f"{PAGE}{token.public_id}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
