"""Helpers for API tests in any app: a token's Authorization header, JSON requests, the envelope."""

import json

from tradepost import clock
from tradepost.accounts import services as account_services

ENVELOPE_KEYS = {"code", "message", "fields"}

# The address book is the simplest writable resource: API mechanics tests use it as their vehicle.
ADDRESSES = "/api/v1/addresses"
ADDRESS = {
    "full_name": "Ana Souza",
    "line1": "Av. Paulista 1000",
    "city": "São Paulo",
    "postal_code": "01310-100",
    "country": "BR",
    "phone": "+55 11 91234-5678",
}


def bearer(user, *scopes: str) -> dict[str, str]:
    """Headers for a fresh personal API token of `user` with exactly `scopes`."""
    _token, plain = account_services.create_api_token(
        user=user, name="test", scopes=list(scopes), now=clock.now()
    )
    return {"Authorization": f"Bearer {plain}"}


def send(client, method: str, path: str, data=None, **headers):
    """Send `data` as a JSON body (or no body) with the given headers."""
    body = json.dumps(data) if data is not None else ""
    request = getattr(client, method.lower())
    return request(path, body, content_type="application/json", headers=headers)


def error_of(response) -> dict:
    """The error envelope of a response, checked to have exactly its three keys."""
    body = json.loads(response.content)
    assert set(body) == ENVELOPE_KEYS, body
    return body
