"""The address book API: create, list, read, replace, delete; another user's address is 404."""

import pytest

from tradepost.accounts import services
from tradepost.accounts.addresses import AddressInput
from tradepost.accounts.models import Address
from tradepost.api.testing import ADDRESS, ADDRESSES, bearer, error_of, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(buyer, clock):
    return bearer(buyer, "account:read", "account:write")


@pytest.fixture
def others_address(other_buyer):
    data = AddressInput(
        full_name="Jean Dupont", line1="1 rue de Rivoli", city="Paris", postal_code="75001",
        country="FR", phone="+33 1 42 60 30 30",
    )  # fmt: skip
    return services.add_address(user=other_buyer, data=data)


def test_create_returns_201_with_clean_values_and_no_database_id(client, buyer, writer):
    response = send(client, "post", ADDRESSES, ADDRESS, **writer)

    assert response.status_code == 201
    body = response.json()
    address = Address.objects.get(user=buyer)
    assert body["public_id"] == address.public_id
    assert not {"id", "user", "user_id"} & set(body)
    assert (body["phone"], body["country"], body["is_default"]) == ("+5511912345678", "BR", True)


def test_create_can_make_the_new_address_the_default(client, buyer, writer):
    first = send(client, "post", ADDRESSES, ADDRESS, **writer).json()

    second = send(client, "post", ADDRESSES, {**ADDRESS, "is_default": True}, **writer).json()

    assert second["is_default"] is True
    assert Address.objects.get(public_id=first["public_id"]).is_default is False


def test_invalid_address_is_422_per_field_and_creates_nothing(client, writer):
    response = send(client, "post", ADDRESSES, {**ADDRESS, "postal_code": "ABC"}, **writer)

    assert response.status_code == 422
    error = error_of(response)
    assert (error["code"], list(error["fields"])) == ("invalid_address", ["postal_code"])
    assert Address.objects.count() == 0


def test_list_shows_only_own_addresses_default_first(
    client, buyer, writer, others_address, django_assert_num_queries
):
    for city in ("Campinas", "Santos", "Recife"):
        send(client, "post", ADDRESSES, {**ADDRESS, "city": city}, **writer)

    # token + user, the addresses (the last-used stamp was written by the first POST this minute)
    with django_assert_num_queries(2):
        response = client.get(ADDRESSES, headers=writer)

    assert response.status_code == 200
    assert [a["city"] for a in response.json()] == ["Campinas", "Recife", "Santos"]


def test_get_returns_own_address(client, writer):
    created = send(client, "post", ADDRESSES, ADDRESS, **writer).json()

    response = client.get(f"{ADDRESSES}/{created['public_id']}", headers=writer)

    assert response.status_code == 200
    assert response.json() == created


def test_put_replaces_the_address(client, writer):
    created = send(client, "post", ADDRESSES, ADDRESS, **writer).json()
    url = f"{ADDRESSES}/{created['public_id']}"

    response = send(
        client, "put", url, {**ADDRESS, "city": "Campinas", "postal_code": "13010-000"}, **writer
    )

    assert response.status_code == 200
    address = Address.objects.get(public_id=created["public_id"])
    assert (address.city, address.postal_code) == ("Campinas", "13010-000")


def test_put_cannot_set_server_owned_fields(client, writer):
    created = send(client, "post", ADDRESSES, ADDRESS, **writer).json()

    response = send(
        client,
        "put",
        f"{ADDRESSES}/{created['public_id']}",
        {**ADDRESS, "public_id": "x"},
        **writer,
    )

    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["public_id"]
    assert Address.objects.filter(public_id=created["public_id"]).exists()


def test_delete_returns_204_and_removes_it(client, buyer, writer):
    created = send(client, "post", ADDRESSES, ADDRESS, **writer).json()

    response = client.delete(f"{ADDRESSES}/{created['public_id']}", headers=writer)

    assert (response.status_code, response.content) == (204, b"")
    assert Address.objects.filter(user=buyer).count() == 0


def test_other_users_address_is_not_found_to_get(client, writer, others_address):
    response = client.get(f"{ADDRESSES}/{others_address.public_id}", headers=writer)

    assert response.status_code == 404
    assert error_of(response)["code"] == "address_not_found"


def test_other_users_address_is_not_found_to_put_and_unchanged(client, writer, others_address):
    url = f"{ADDRESSES}/{others_address.public_id}"

    response = send(
        client,
        "put",
        url,
        {**ADDRESS, "country": "FR", "postal_code": "75002", "phone": "+33 1 42 60 30 31"},
        **writer,
    )

    assert response.status_code == 404
    assert error_of(response)["code"] == "address_not_found"
    others_address.refresh_from_db()
    assert (others_address.full_name, others_address.postal_code) == ("Jean Dupont", "75001")


def test_other_users_address_is_not_found_to_delete_and_kept(client, writer, others_address):
    response = client.delete(f"{ADDRESSES}/{others_address.public_id}", headers=writer)

    assert response.status_code == 404
    assert error_of(response)["code"] == "address_not_found"
    assert Address.objects.filter(pk=others_address.pk).exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_read_only_token_may_not_write(client, buyer, method, clock):
    created = send(client, "post", ADDRESSES, ADDRESS, **bearer(buyer, "account:write")).json()
    reader = bearer(buyer, "account:read")
    url = f"{ADDRESSES}/{created['public_id']}"

    response = send(client, method, url, ADDRESS if method == "put" else None, **reader)

    assert response.status_code == (200 if method == "get" else 403)
    assert Address.objects.filter(public_id=created["public_id"]).exists()
