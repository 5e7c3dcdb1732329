"""Trader details validation: stdnum per country, VAT, IBAN, phone, e-mail, required fields."""

import pytest

from tradepost.sellers import errors
from tradepost.sellers.testing import DE_COMPANY, details
from tradepost.sellers.validation import (
    PayoutInput,
    clean_registration_number,
    clean_vat_number,
    validate_payout,
    validate_trader_details,
)


@pytest.mark.parametrize(
    ("country", "kind", "number", "clean"),
    [
        ("DE", "company", "Aachen HRB 44123", "Aachen HRB 44123"),
        ("PL", "company", "192598184", "192598184"),
        ("PL", "company", "856-734-62-15", "8567346215"),
        ("ES", "company", "A13585625", "A13585625"),
        ("BR", "company", "16.727.230/0001-97", "16727230000197"),
        ("BR", "individual", "390.533.447-05", "39053344705"),
        ("TR", "company", "4540536920", "4540536920"),
        ("TR", "individual", "17291716060", "17291716060"),
        ("KR", "company", "134-86-72683", "1348672683"),
        ("CN", "company", "91110000600037341L", "91110000600037341L"),
        ("US", "company", "04-2103594", "042103594"),
        ("US", "individual", "536-90-4399", "536904399"),
        ("NG", "company", "RC 123456", "RC 123456"),  # no validator: free text
    ],
)
def test_registration_number_accepted_in_compact_form(country, kind, number, clean):
    assert clean_registration_number(country, kind, number) == clean


@pytest.mark.parametrize(
    ("country", "kind", "number"),
    [
        ("DE", "company", "Nowhere HRB 1"),
        ("PL", "company", "192598185"),
        ("BR", "company", "16.727.230/0001-98"),
        ("BR", "individual", "390.533.447-06"),
        ("KR", "company", "134-86-7268"),
        ("CN", "company", "91110000600037341X"),
        ("US", "company", "00-0000000"),
        ("TR", "individual", "17291716061"),
    ],
)
def test_registration_number_refused_with_its_code(country, kind, number):
    with pytest.raises(errors.InvalidRegistrationNumber) as caught:
        clean_registration_number(country, kind, number)

    assert caught.value.code == "invalid_registration_number"
    assert list(caught.value.fields) == ["registration_number"]


@pytest.mark.parametrize(
    ("country", "vat", "clean"),
    [
        ("DE", "DE 136 695 976", "DE136695976"),
        ("DE", "136695976", "DE136695976"),  # EU seller without the prefix
        ("CN", "DE136695976", "DE136695976"),  # registered for EU VAT from abroad
        ("GB", "GB 980 7806 84", "980780684"),
        ("NG", "anything 42", "anything 42"),  # no validator: free text
    ],
)
def test_vat_number_accepted(country, vat, clean):
    assert clean_vat_number(country, vat) == clean


@pytest.mark.parametrize(("country", "vat"), [("DE", "DE136695977"), ("FR", "FR00000000000")])
def test_vat_number_refused_with_its_code(country, vat):
    with pytest.raises(errors.InvalidVatNumber) as caught:
        clean_vat_number(country, vat)

    assert (caught.value.code, list(caught.value.fields)) == ("invalid_vat_number", ["vat_number"])


def test_valid_details_come_back_clean():
    clean = validate_trader_details("company", details(phone="0241 4320", postal_code=" 52062 "))

    assert (clean.phone, clean.postal_code, clean.vat_number) == (
        "+492414320",
        "52062",
        "DE136695976",
    )


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"legal_name": "  "}, "incomplete_trader_details", "legal_name"),
        ({"registration_number": ""}, "incomplete_trader_details", "registration_number"),
        ({"phone": "12"}, "invalid_phone", "phone"),
        ({"email": "not-an-email"}, "invalid_email", "email"),
        ({"postal_code": "ABC"}, "invalid_trader_address", "postal_code"),
        ({"country": "XX"}, "invalid_trader_address", "country"),
        ({"vat_number": "DE000000000"}, "invalid_vat_number", "vat_number"),
    ],
)
def test_each_bad_field_has_its_code(changes, code, field):
    with pytest.raises(errors.DomainError) as caught:
        validate_trader_details("company", details(**changes))

    assert (caught.value.code, list(caught.value.fields)) == (code, [field])


def test_several_kinds_of_problem_list_every_field():
    with pytest.raises(errors.InvalidTraderDetails) as caught:
        validate_trader_details("company", details(email="", vat_number="DE1", phone="1"))

    assert caught.value.code == "invalid_trader_details"
    assert set(caught.value.fields) == {"email", "vat_number", "phone"}


def test_individual_number_uses_the_individual_validator():
    with pytest.raises(errors.InvalidRegistrationNumber):
        validate_trader_details("individual", DE_COMPANY)  # a court number is no tax id


def test_iban_is_compacted_and_gives_the_country():
    clean = validate_payout(PayoutInput(iban="de89 3704 0044 0532 0130 00"))

    assert (clean.iban, clean.country) == ("DE89370400440532013000", "DE")


@pytest.mark.parametrize("iban", ["DE89 3704 0044 0532 0130 01", "XX00", "DE89"])
def test_invalid_iban_is_refused(iban):
    with pytest.raises(errors.InvalidIban) as caught:
        validate_payout(PayoutInput(iban=iban))

    assert (caught.value.code, list(caught.value.fields)) == ("invalid_iban", ["iban"])


def test_other_account_needs_a_country():
    assert validate_payout(PayoutInput(account="Alipay 1234", country="cn")).country == "CN"
    with pytest.raises(errors.InvalidPayoutAccount) as caught:
        validate_payout(PayoutInput(account="Alipay 1234"))

    assert list(caught.value.fields) == ["country"]
