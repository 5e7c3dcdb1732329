"""The caller's own application through the API: scopes, tenancy, the whole onboarding."""

import pytest

from tradepost.api.testing import bearer, error_of, send
from tradepost.sellers.models import Seller

pytestmark = pytest.mark.django_db

ME = "/api/v1/seller/me"
DETAILS = {
    "legal_name": "Muster Handel GmbH",
    "address_line1": "Theaterstraße 1",
    "city": "Aachen",
    "postal_code": "52062",
    "country": "DE",
    "phone": "+49 241 432 0",
    "email": "kontakt@muster.example",
    "trade_register": "Amtsgericht Aachen",
    "registration_number": "Aachen HRB 44123",
    "vat_number": "DE136695976",
}
STORE = {
    "name": "Muster",
    "slug": "muster",
    "country": "DE",
    "settlement_currency": "EUR",
    "original_language": "de",
    "languages_spoken": ["en"],
    "description": "Werkzeug.",
}


@pytest.fixture
def writer(buyer, clock):
    return bearer(buyer, "seller:read", "seller:write")


def test_onboarding_through_the_api(client, buyer, writer):
    assert send(client, "post", ME, {"kind": "company"}, **writer).status_code == 201
    assert send(client, "put", f"{ME}/trader-details", DETAILS, **writer).status_code == 200
    payout = {"iban": "DE89 3704 0044 0532 0130 00"}
    assert send(client, "put", f"{ME}/payout-account", payout, **writer).status_code == 200
    assert send(client, "put", f"{ME}/store", STORE, **writer).status_code == 200

    response = send(client, "post", f"{ME}/submit", {"self_certified": True}, **writer)

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["store"]["slug"], body["payout"]) == (
        "submitted",
        "muster",
        {"iban_last4": "3000", "account_last4": "", "country": "DE"},
    )
    assert "DE89370400440532013000" not in response.content.decode()
    assert Seller.objects.get(user=buyer).status == "submitted"


def test_invalid_iban_is_422_and_saves_nothing(client, buyer, writer):
    send(client, "post", ME, {"kind": "company"}, **writer)

    response = send(
        client, "put", f"{ME}/payout-account", {"iban": "DE89 3704 0044 0532 0130 01"}, **writer
    )

    error = error_of(response)
    assert (response.status_code, error["code"], list(error["fields"])) == (
        422,
        "invalid_iban",
        ["iban"],
    )
    assert Seller.objects.get(user=buyer).payout_iban == ""


def test_submit_incomplete_is_422(client, writer):
    send(client, "post", ME, {"kind": "company"}, **writer)

    response = send(client, "post", f"{ME}/submit", {"self_certified": True}, **writer)

    assert (response.status_code, error_of(response)["code"]) == (422, "incomplete_application")


def test_read_scope_cannot_write(client, buyer, clock):
    reader = bearer(buyer, "seller:read")

    response = send(client, "post", ME, {"kind": "company"}, **reader)

    assert (response.status_code, error_of(response)["code"]) == (403, "insufficient_scope")
    assert not Seller.objects.exists()


def test_without_an_application_me_is_404(client, writer):
    response = send(client, "get", ME, **writer)

    assert (response.status_code, error_of(response)["code"]) == (404, "seller_not_found")


def test_seller_sees_only_their_own_application(client, verified_seller, buyer, writer):
    send(client, "post", ME, {"kind": "individual"}, **writer)

    mine = send(client, "get", ME, **writer).json()
    changed = send(client, "put", f"{ME}/trader-details", {**DETAILS, "legal_name": "X"}, **writer)

    assert mine["public_id"] != verified_seller.public_id
    assert verified_seller.legal_name not in str(mine)
    assert changed.status_code == 422  # a court number is not an individual's id number
    verified_seller.refresh_from_db()
    assert verified_seller.legal_name == "Muster Handel GmbH"


def test_server_owned_fields_are_not_writable(client, buyer, writer):
    send(client, "post", ME, {"kind": "company"}, **writer)

    response = send(
        client, "put", f"{ME}/trader-details", {**DETAILS, "status": "verified"}, **writer
    )

    assert response.status_code == 422
    assert Seller.objects.get(user=buyer).status == "draft"


def test_anonymous_is_401(client):
    assert send(client, "get", ME).status_code == 401
