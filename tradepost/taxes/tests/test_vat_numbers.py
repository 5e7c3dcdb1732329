"""VAT-number checks: format and check digits (python-stdnum), normalised, and of the right country."""

import pytest

from tradepost.taxes import vat_numbers
from tradepost.taxes.errors import InvalidVatNumber


@pytest.mark.parametrize(
    ("country", "number", "normalised"),
    [
        ("FR", "FR 40 303 265 045", "FR40303265045"),
        ("FR", "40303265045", "FR40303265045"),
        ("DE", "de 136.695.976", "DE136695976"),
        ("GR", "094259216", "EL094259216"),
        ("GR", "EL094259216", "EL094259216"),
        ("NL", "NL004495445B01", "NL004495445B01"),
        ("GB", "980 7806 84", "GB980780684"),
        ("GB", "XI 980 7806 84", "GB980780684"),
        ("AU", "83 914 571 673", "83914571673"),
        ("NO", "988 077 917", "988077917"),
        ("NO", "NO988077917MVA", "988077917"),
    ],
)
def test_normalises_a_valid_number(country, number, normalised):
    assert vat_numbers.validate(country, number) == normalised


@pytest.mark.parametrize(
    ("country", "number", "message"),
    [
        ("FR", "FR40303265046", "“FR40303265046” is not a valid VAT number of France."),
        ("FR", "DE136695976", "Enter a VAT number of France."),
        ("GB", "FR40303265045", "Enter a VAT number of United Kingdom."),
        ("AU", "83 914 571 674", "“83914571674” is not a valid VAT number of Australia."),
        ("NO", "988077918", "“988077918” is not a valid VAT number of Norway."),
        ("DE", "   ", "Enter a VAT number."),
        (
            "US",
            "12-3456789",
            "Business tax numbers of United States of America cannot be checked here.",
        ),
        ("FR", "FR" + "1" * 40, "This is not a valid VAT number."),
    ],
)
def test_refuses_with_a_message_for_the_field(country, number, message):
    with pytest.raises(InvalidVatNumber) as caught:
        vat_numbers.validate(country, number)

    assert (caught.value.code, caught.value.http_status) == ("invalid_vat_number", 422)
    assert caught.value.fields == {"vat_number": [message]}
