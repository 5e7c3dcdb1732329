"""GET/PATCH /api/v1/me: the caller's profile and display preferences."""

import pytest

from tradepost.api.testing import bearer, error_of, send

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


@pytest.fixture
def writer(buyer, clock):
    return bearer(buyer, "account:read", "account:write")


def test_shows_the_profile_without_database_ids(client, buyer, clock):
    response = client.get(ME, headers=bearer(buyer, "account:read"))

    assert response.status_code == 200
    assert response.json() == {
        "public_id": buyer.public_id,
        "email": "buyer@example.com",
        "preferred_language": "",
        "display_currency": "BRL",
        "ship_to_country": "BR",
    }


def test_changes_only_the_preferences_sent(client, buyer, writer):
    response = send(
        client, "patch", ME, {"preferred_language": "pt", "ship_to_country": "PT"}, **writer
    )

    assert response.status_code == 200
    assert response.json()["ship_to_country"] == "PT"
    buyer.refresh_from_db()
    assert (buyer.preferred_language, buyer.display_currency, buyer.ship_to_country.code) == (
        "pt",
        "BRL",
        "PT",
    )


def test_unoffered_values_are_422_per_field_and_nothing_changes(client, buyer, writer):
    response = send(
        client, "patch", ME, {"display_currency": "ABC", "ship_to_country": "ZZ"}, **writer
    )

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_preference"
    assert set(error["fields"]) == {"display_currency", "ship_to_country"}
    buyer.refresh_from_db()
    assert (buyer.display_currency, buyer.ship_to_country.code) == ("BRL", "BR")


@pytest.mark.parametrize("field", ["email", "public_id", "is_staff", "id"])
def test_server_owned_fields_are_not_writable(client, buyer, writer, field):
    response = send(client, "patch", ME, {field: "attacker@example.com"}, **writer)

    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == [field]
    buyer.refresh_from_db()
    assert (buyer.email, buyer.is_staff) == ("buyer@example.com", False)
