"""Who may call the API: personal tokens (with scopes) and the browser session (with CSRF)."""

import pytest
from django.test import RequestFactory

from tradepost.accounts import services as account_services
from tradepost.accounts.models import Address, ApiToken
from tradepost.api.auth import require_scope
from tradepost.api.errors import InsufficientScope
from tradepost.api.testing import ADDRESS, ADDRESSES, bearer, error_of, send

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def test_token_with_the_scope_reads_the_profile(client, buyer, reader):
    response = client.get(ME, headers=reader)

    assert response.status_code == 200
    assert response.json()["email"] == buyer.email


def test_token_use_is_recorded(client, buyer, reader, clock):
    client.get(ME, headers=reader)

    assert ApiToken.objects.get(user=buyer).last_used_at == clock.now()


def test_token_use_is_recorded_at_most_once_a_minute(client, buyer, reader, clock):
    first = clock.now()
    client.get(ME, headers=reader)
    clock.advance(seconds=59)
    client.get(ME, headers=reader)
    assert ApiToken.objects.get(user=buyer).last_used_at == first

    clock.advance(seconds=1)
    client.get(ME, headers=reader)
    assert ApiToken.objects.get(user=buyer).last_used_at == clock.now()


def test_revoked_token_gets_401(client, buyer, reader, clock):
    token = ApiToken.objects.get(user=buyer)
    account_services.revoke_api_token(user=buyer, public_id=token.public_id, now=clock.now())

    response = client.get(ME, headers=reader)

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer garbage", "Bearer tp_000000000000_nope", "Basic dXNlcjpwYXNz"],
)
def test_missing_or_garbage_token_gets_401(client, buyer, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}

    response = client.get(ME, headers=headers)

    assert response.status_code == 401
    assert error_of(response) == {
        "code": "not_authenticated",
        "message": "Authentication is required: send a valid API token or log in.",
        "fields": {},
    }


def test_token_of_a_deactivated_user_gets_401(client, buyer, reader):
    buyer.is_active = False
    buyer.save(update_fields=["is_active"])

    response = client.get(ME, headers=reader)

    assert response.status_code == 401


def test_token_without_the_scope_is_refused_and_nothing_changes(client, buyer, reader):
    response = send(client, "patch", ME, {"display_currency": "EUR"}, **reader)

    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"
    buyer.refresh_from_db()
    assert buyer.display_currency == "BRL"


def test_token_with_no_scopes_is_refused(client, buyer, clock):
    response = client.get(ME, headers=bearer(buyer))

    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"


def test_logged_in_session_reads_without_csrf_token(browser, buyer):
    response = browser.get(ME)

    assert response.status_code == 200
    assert response.json()["email"] == buyer.email


def test_session_patch_without_csrf_token_is_refused_and_nothing_changes(browser, buyer):
    response = send(browser, "patch", ME, {"display_currency": "EUR"})

    assert response.status_code == 403
    assert error_of(response)["code"] == "csrf_failed"
    buyer.refresh_from_db()
    assert buyer.display_currency == "BRL"


def test_session_post_without_csrf_token_creates_nothing(browser, buyer):
    response = send(browser, "post", ADDRESSES, ADDRESS)

    assert response.status_code == 403
    assert error_of(response)["code"] == "csrf_failed"
    assert Address.objects.count() == 0


def test_session_post_with_a_wrong_csrf_token_is_refused(browser, buyer):
    response = send(browser, "post", ADDRESSES, ADDRESS, **{"X-CSRFToken": "x" * 32})

    assert response.status_code == 403
    assert Address.objects.count() == 0


def test_session_writes_with_the_csrf_token(browser, buyer):
    headers = {"X-CSRFToken": browser.csrf_token}

    created = send(browser, "post", ADDRESSES, ADDRESS, **headers)
    patched = send(browser, "patch", ME, {"display_currency": "EUR"}, **headers)

    assert (created.status_code, patched.status_code) == (201, 200)
    assert Address.objects.filter(user=buyer).count() == 1
    buyer.refresh_from_db()
    assert buyer.display_currency == "EUR"


def test_valid_token_needs_no_csrf_token_even_beside_a_session(browser, buyer, writer):
    response = send(browser, "patch", ME, {"display_currency": "EUR"}, **writer)

    assert response.status_code == 200


def test_require_scope_denies_a_request_no_auth_has_seen():
    request = RequestFactory().get("/")

    with pytest.raises(InsufficientScope):
        require_scope(request, "account:read")


def test_require_scope_denies_an_unknown_scope_even_to_a_session():
    request = RequestFactory().get("/")
    request.api_token = None  # what SessionAuth sets

    with pytest.raises(InsufficientScope):
        require_scope(request, "account:everything")


def test_token_whose_secret_contains_an_underscore_authenticates(client, buyer, clock):
    while True:
        token, plain = account_services.create_api_token(
            user=buyer, name="t", scopes=["account:read"], now=clock.now()
        )
        if plain.count("_") > 2:
            break
        token.delete()

    response = client.get(ME, headers={"Authorization": f"Bearer {plain}"})

    assert response.status_code == 200
