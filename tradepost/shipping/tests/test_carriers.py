"""The carrier registry: every carrier the shipping issue names, S10 check digits, each carrier's
own formats, and clear refusals (code invalid_tracking_number) for anything else."""

import pytest

from tradepost.shipping import carriers
from tradepost.shipping.carriers import InvalidTrackingNumber, validate_tracking_number

NAMED = {
    "China Post", "Cainiao", "YunExpress", "4PX", "DHL Express", "UPS", "FedEx", "USPS",
    "Russian Post", "Correios", "Korea Post", "PostNL", "Poczta Polska", "PTT", "Royal Mail",
    "Deutsche Post",
}  # fmt: skip


def test_every_named_carrier_is_registered_with_a_tracking_page():
    assert {c.name for c in carriers.CARRIERS.values()} == NAMED
    for carrier in carriers.CARRIERS.values():
        url = carrier.url_for("RR123456785CN")
        assert url.startswith("https://") and "RR123456785CN" in url, carrier.code


@pytest.mark.parametrize(
    ("serial", "digit"),
    [("12345678", 5), ("47312482", 9), ("00000000", 5), ("00000001", 4), ("00000008", 0)],
)
def test_the_s10_check_digit(serial, digit):
    # 10 → 0 and 11 → 5 are the two special cases of the mod-11 rule.
    assert carriers.s10_check_digit(serial) == digit


@pytest.mark.parametrize(
    ("carrier", "typed", "clean"),
    [
        ("china-post", "rr 123 456 785 cn", "RR123456785CN"),
        ("royal-mail", "RA473124829GB", "RA473124829GB"),
        ("correios", "RA-473124829-BR", "RA473124829BR"),
        ("ups", "1Z 999A A10 1234 5678 4", "1Z999AA10123456784"),
        ("fedex", "123456789012", "123456789012"),
        ("dhl", "1234567890", "1234567890"),
        ("yunexpress", "YT2212345678901234", "YT2212345678901234"),
        ("usps", "9400 1000 0000 0000 0000 00", "9400100000000000000000"),
        ("other", "abc-12345", "ABC12345"),
    ],
)
def test_valid_numbers_come_back_normalised(carrier, typed, clean):
    assert validate_tracking_number(carrier, typed) == clean


@pytest.mark.parametrize(
    ("carrier", "number", "field"),
    [
        ("china-post", "RR123456784CN", "tracking_number"),  # wrong check digit
        ("royal-mail", "RA473124828GB", "tracking_number"),
        ("ups", "1Z123", "tracking_number"),  # too short for UPS
        ("fedex", "ABCDEFGHIJKL", "tracking_number"),
        ("dhl", "", "tracking_number"),
        ("dhl", "12345678901234567890123456789012345678901", "tracking_number"),  # 41
        ("ptt", "🚚📦12345", "tracking_number"),
        ("pony-express", "RR123456785CN", "carrier"),
    ],
)
def test_bad_numbers_are_refused_with_a_field_error(carrier, number, field):
    with pytest.raises(InvalidTrackingNumber) as refused:
        validate_tracking_number(carrier, number)
    assert refused.value.code == "invalid_tracking_number"
    assert field in refused.value.fields
