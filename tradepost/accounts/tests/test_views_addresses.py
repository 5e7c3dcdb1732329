"""The address book page: country-aware validation, default address, tenant isolation."""

import pytest

from tradepost.accounts.models import Address

pytestmark = pytest.mark.django_db

PAGE = "/en/account/addresses/"
VALID = {
    "full_name": "Ana Souza",
    "line1": "Avenida Paulista 1000",
    "city": "São Paulo",
    "region": "SP",
    "postal_code": "01310-100",
    "country": "BR",
    "phone": "+55 11 91234 5678",
}


def _field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_adds_a_valid_address_as_default_with_e164_phone(client, buyer):
    client.force_login(buyer)

    response = client.post(PAGE, VALID)

    assert response.status_code == 302
    address = Address.objects.get(user=buyer)
    assert (address.phone, address.postal_code, address.is_default) == (
        "+5511912345678",
        "01310-100",
        True,
    )


def test_bad_postal_code_for_the_country_is_a_form_error_and_saves_nothing(client, buyer):
    client.force_login(buyer)

    response = client.post(PAGE, {**VALID, "postal_code": "ABC"})

    assert response.status_code == 200
    assert _field_errors(response, "postal_code") == [
        "This is not a valid postal code for the selected country."
    ]
    assert Address.objects.count() == 0


def test_missing_postal_code_where_the_country_requires_one(client, buyer):
    client.force_login(buyer)

    response = client.post(
        PAGE, {**VALID, "country": "DE", "postal_code": "", "phone": "+49 30 901820"}
    )

    assert _field_errors(response, "postal_code") == ["A postal code is required for this country."]
    assert Address.objects.count() == 0


def test_bad_phone_is_a_form_error_and_saves_nothing(client, buyer):
    client.force_login(buyer)

    response = client.post(PAGE, {**VALID, "phone": "12"})

    assert _field_errors(response, "phone") == ["This is not a valid phone number."]
    assert Address.objects.count() == 0


def test_local_phone_number_is_read_in_the_address_country(client, buyer):
    client.force_login(buyer)

    client.post(PAGE, {**VALID, "country": "FR", "postal_code": "75008", "phone": "01 42 68 53 00"})

    assert Address.objects.get().phone == "+33142685300"


def test_new_default_replaces_the_old_one(client, buyer):
    client.force_login(buyer)
    client.post(PAGE, VALID)

    client.post(PAGE, {**VALID, "line1": "Rua Augusta 5", "make_default": "on"})

    defaults = list(
        Address.objects.filter(user=buyer, is_default=True).values_list("line1", flat=True)
    )
    assert defaults == ["Rua Augusta 5"]


def test_another_buyers_address_is_not_found_and_unchanged(client, buyer, other_buyer):
    client.force_login(buyer)
    client.post(PAGE, VALID)
    address = Address.objects.get(user=buyer)
    client.force_login(other_buyer)

    edit = client.post(f"{PAGE}{address.public_id}/", {**VALID, "city": "Hacked"})
    delete = client.post(f"{PAGE}{address.public_id}/delete/")

    assert (edit.status_code, delete.status_code) == (404, 404)
    address.refresh_from_db()
    assert address.city == "São Paulo"


def test_page_query_count_does_not_grow_with_addresses(
    client, buyer, django_assert_max_num_queries
):
    client.force_login(buyer)
    for n in range(5):
        client.post(PAGE, {**VALID, "line1": f"Rua {n}"})

    with django_assert_max_num_queries(4):  # session, user, addresses, (savepoint-free)
        response = client.get(PAGE)

    assert len(response.context["addresses"]) == 5


def test_country_names_in_the_form_follow_the_page_language(client, buyer):
    client.force_login(buyer)

    html = client.get("/de/account/addresses/").content.decode()

    assert '<option value="DE">Deutschland</option>' in html
