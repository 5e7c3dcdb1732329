"""`@idempotent` on POST /addresses: a retried request with the same key does its work once."""

import hashlib
import json

import pytest
from ninja import Router
from ninja.errors import ConfigError

from tradepost.accounts.models import Address
from tradepost.api.idempotency import idempotent
from tradepost.api.models import IdempotencyRecord
from tradepost.api.testing import ADDRESS, ADDRESSES, bearer, error_of, send
from tradepost.api.tests import urls as crash_urls

pytestmark = pytest.mark.django_db


def post(client, headers, key, body=ADDRESS, path=ADDRESSES):
    return send(client, "post", path, body, **headers, **{"Idempotency-Key": key})


def test_repeat_returns_the_first_response_and_creates_one_address(client, buyer, writer):
    first = post(client, writer, "order-7f3a")

    again = post(client, writer, "order-7f3a")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Address.objects.filter(user=buyer).count() == 1


def test_same_key_with_another_body_is_409_and_creates_nothing_more(client, buyer, writer):
    post(client, writer, "k1")

    response = post(client, writer, "k1", {**ADDRESS, "city": "Campinas"})

    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert list(Address.objects.filter(user=buyer).values_list("city", flat=True)) == ["São Paulo"]


@pytest.mark.urls("tradepost.api.tests.urls")
def test_same_key_on_another_path_is_409(client, writer):
    post(client, writer, "k1")

    response = post(client, writer, "k1", path="/crash-api/flaky")

    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_key_reused"


def test_same_key_of_another_user_is_independent(client, buyer, other_buyer, writer):
    post(client, writer, "shared-key")

    response = post(client, bearer(other_buyer, "account:write"), "shared-key")

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Address.objects.filter(user=buyer).count() == 1
    assert Address.objects.filter(user=other_buyer).count() == 1


def test_key_still_held_by_a_running_request_is_409(client, buyer, writer, clock):
    # The same request already claimed the key and has not finished yet.
    IdempotencyRecord.objects.create(
        user=buyer,
        key="k1",
        request_method="POST",
        request_path=ADDRESSES,
        request_body_sha256=hashlib.sha256(json.dumps(ADDRESS).encode()).hexdigest(),
        created_at=clock.now(),
    )

    response = post(client, writer, "k1")

    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_request_in_progress"
    assert Address.objects.count() == 0


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "caf\u00e9"])
def test_invalid_key_is_400_and_nothing_is_created(client, writer, key):
    response = post(client, writer, key)

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_idempotency_key"
    assert Address.objects.count() == 0


def test_key_of_255_characters_is_accepted(client, writer):
    response = post(client, writer, "k" * 255)

    assert response.status_code == 201


def test_without_the_header_every_request_runs(client, buyer, writer):
    send(client, "post", ADDRESSES, ADDRESS, **writer)
    send(client, "post", ADDRESSES, ADDRESS, **writer)

    assert Address.objects.filter(user=buyer).count() == 2
    assert IdempotencyRecord.objects.count() == 0


def test_a_stored_failure_is_replayed_too(client, buyer, writer):
    bad_phone = {**ADDRESS, "phone": "12"}
    first = post(client, writer, "k1", bad_phone)

    again = post(client, writer, "k1", bad_phone)

    assert (first.status_code, again.status_code) == (422, 422)
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"


def test_invalid_input_claims_no_key(client, buyer, writer):
    post(client, writer, "k1", {**ADDRESS, "city": None})

    response = post(client, writer, "k1")

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response


def test_refusal_for_a_missing_scope_releases_the_key(client, buyer, reader, writer):
    refused = post(client, reader, "k1")

    response = post(client, writer, "k1")

    assert (refused.status_code, response.status_code) == (403, 201)
    assert Address.objects.filter(user=buyer).count() == 1


@pytest.fixture
def flaky():
    crash_urls.flaky_attempts.clear()
    yield crash_urls.flaky_attempts
    crash_urls.flaky_attempts.clear()


@pytest.mark.urls("tradepost.api.tests.urls")
def test_a_crash_releases_the_key_so_a_retry_runs(client, writer, flaky):
    crashed = post(client, writer, "k1", {}, path="/crash-api/flaky")

    retried = post(client, writer, "k1", {}, path="/crash-api/flaky")
    replayed = post(client, writer, "k1", {}, path="/crash-api/flaky")

    assert crashed.status_code == 500
    assert (retried.status_code, retried.json()) == (200, {"attempt": 2})
    assert (replayed.status_code, replayed.json()) == (200, {"attempt": 2})
    assert len(flaky) == 2


def test_openapi_documents_the_header(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    parameters = schema["paths"]["/api/v1/addresses"]["post"]["parameters"]
    assert {"in": "header", "name": "Idempotency-Key"}.items() <= parameters[0].items()


def test_placing_it_above_the_route_decorator_fails_loudly():
    router = Router()

    with pytest.raises(ConfigError):

        @idempotent
        @router.post("/x")
        def create(request):
            return {}
