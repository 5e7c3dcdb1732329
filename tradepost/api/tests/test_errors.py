"""Every API error has the envelope {"code", "message", "fields"}; a crash leaks nothing."""

import logging

import pytest
from django.core.exceptions import ObjectDoesNotExist
from django.test import RequestFactory
from ninja.errors import HttpError

from tradepost.accounts.models import User
from tradepost.api.api import api
from tradepost.api.models import IdempotencyRecord
from tradepost.api.testing import ADDRESS, ADDRESSES, error_of, send
from tradepost.api.tests import urls as crash_urls

pytestmark = pytest.mark.django_db


def test_malformed_json_is_400(client, writer):
    response = client.post(ADDRESSES, "{not json", content_type="application/json", headers=writer)

    assert response.status_code == 400
    assert error_of(response) == {
        "code": "malformed_json",
        "message": "The request body is not valid JSON.",
        "fields": {},
    }


def test_invalid_idempotency_key_is_400(client, writer):
    response = send(client, "post", ADDRESSES, ADDRESS, **writer, **{"Idempotency-Key": ""})

    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_idempotency_key"


def test_not_authenticated_is_401(client, db):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_missing_scope_is_403(client, reader):
    response = send(client, "post", ADDRESSES, ADDRESS, **reader)

    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"


def test_other_users_object_is_404(client, reader):
    response = client.get(f"{ADDRESSES}/doesnotexist", headers=reader)

    assert response.status_code == 404
    assert error_of(response) == {
        "code": "address_not_found",
        "message": "Address not found.",
        "fields": {},
    }


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/nothing-here", "/api/v1/addresses/x/y"])
def test_unknown_api_url_is_404_in_the_envelope(client, reader, path):
    response = client.get(path, headers=reader)

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_wrong_method_is_405_in_the_envelope(client, reader):
    response = client.patch(ADDRESSES, headers=reader)

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "POST" in response["Allow"]


def test_reused_idempotency_key_is_409(client, buyer, writer, clock):
    IdempotencyRecord.objects.create(
        user=buyer,
        key="k-1",
        request_method="POST",
        request_path="/elsewhere",
        request_body_sha256="0" * 64,
        created_at=clock.now(),
    )

    response = send(client, "post", ADDRESSES, ADDRESS, **writer, **{"Idempotency-Key": "k-1"})

    assert response.status_code == 409
    assert error_of(response)["code"] == "idempotency_key_reused"


def test_schema_violations_are_422_keyed_by_field(client, writer):
    body = {"full_name": "Ana", "line1": 7, "country": "BRA", "phone": "1", "id": 5}

    response = send(client, "post", ADDRESSES, body, **writer)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_input"
    assert set(error["fields"]) == {"line1", "city", "country", "id"}
    assert error["fields"]["city"] == ["Field required"]
    assert all(isinstance(m, str) for messages in error["fields"].values() for m in messages)


def test_a_body_that_is_not_an_object_is_422_on_body(client, writer):
    response = send(client, "post", ADDRESSES, ["Ana"], **writer)

    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["body"]


def test_domain_validation_is_422_with_its_own_code(client, writer):
    body = {"full_name": "Ana", "line1": "Rua 1", "city": "Rio", "country": "BR", "phone": "12"}

    response = send(client, "post", ADDRESSES, body, **writer)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_address"
    assert set(error["fields"]) == {"postal_code", "phone"}


@pytest.mark.urls("tradepost.api.tests.urls")
def test_crash_is_a_generic_500_with_a_correlation_id(client, writer, caplog):
    with caplog.at_level(logging.ERROR, logger="tradepost.api"):
        response = client.post("/crash-api/boom", headers=writer)

    assert response.status_code == 500
    error = error_of(response)
    correlation_id = response["X-Correlation-Id"]
    assert error["code"] == "internal_error"
    assert correlation_id in error["message"]
    assert error["fields"] == {}
    assert "10.0.0.5" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    [logged] = [r for r in caplog.records if correlation_id in r.getMessage()]
    assert logged.exc_info[1].args == (crash_urls.SECRET_DETAIL,)


def test_ninjas_own_csrf_failure_gets_our_code(db):
    request = RequestFactory().post("/api/v1/anything")

    response = api.on_exception(request, HttpError(403, "CSRF check Failed"))

    assert (response.status_code, error_of(response)["code"]) == (403, "csrf_failed")


def test_malformed_json_never_echoes_the_parser_error_even_in_debug(client, writer, settings):
    settings.DEBUG = True

    response = client.post(ADDRESSES, '{"a": tru', content_type="application/json", headers=writer)

    assert error_of(response)["message"] == "The request body is not valid JSON."


def test_object_does_not_exist_is_404(db):
    request = RequestFactory().get("/api/v1/anything")

    response = api.on_exception(request, User.DoesNotExist("User matching query"))

    assert response.status_code == 404
    assert error_of(response) == {"code": "not_found", "message": "Not found.", "fields": {}}
    assert isinstance(User.DoesNotExist(), ObjectDoesNotExist)
