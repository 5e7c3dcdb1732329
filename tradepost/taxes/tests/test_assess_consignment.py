"""assess_consignment: the threshold boundaries per regime, conversion at the locked rate, excise
goods, reverse charge, the EU flat duty by distinct HS6 subheading and its start date, bad input."""

import datetime as dt

import pytest

from tradepost.cart.testing import add_rates
from tradepost.money.errors import UnknownCurrency
from tradepost.taxes.errors import InvalidConsignment, InvalidVatNumber
from tradepost.taxes.models import ImportTaxRule
from tradepost.taxes.services import ConsignmentLine, assess_consignment

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 24)
BLOUSE = ConsignmentLine(hs_code="6206.10", quantity=1, excise=False)
VALID = {
    "destination": "FR", "lines": [BLOUSE], "value_minor": 10000, "value_currency": "EUR",
    "taxable_minor": 10000, "currency": "EUR", "on": DAY,
}  # fmt: skip
ON_DELIVERY = "Import VAT and duties may be charged on delivery."


def assess(destination, value_minor, value_currency="EUR", *, lines=(BLOUSE,), **extra):
    arguments = VALID | {
        "destination": destination, "lines": list(lines), "value_minor": value_minor,
        "value_currency": value_currency, "taxable_minor": value_minor, "currency": value_currency,
    }  # fmt: skip
    return assess_consignment(**(arguments | extra))


def test_eu_collects_french_vat_at_150_euros_exactly():
    assessment = assess("FR", 15000, taxable_minor=12000)

    assert (assessment.collected, assessment.regime, assessment.jurisdiction) == (
        True, "eu_ioss", "FR",
    )  # fmt: skip
    assert (assessment.rate_bps, assessment.vat_minor, assessment.duty_minor) == (2000, 2400, 300)
    assert assessment.charges == [
        ("VAT (France, 20 %)", 2400),
        ("EU customs duty (1 × €3.00)", 300),
    ]
    assert assessment.total_minor == 2700
    assert assessment.notice == ""


def test_eu_collects_nothing_one_cent_above_150_euros():
    assessment = assess("FR", 15001)

    assert (assessment.collected, assessment.regime, assessment.total_minor) == (False, "", 0)
    assert assessment.charges == []
    assert assessment.notice == ON_DELIVERY


@pytest.mark.parametrize(("value_minor", "collected"), [(13500, True), (13501, False)])
def test_uk_threshold_is_135_pounds_inclusive(value_minor, collected):
    assessment = assess("GB", value_minor, "GBP")

    assert assessment.collected is collected
    if collected:
        assert (assessment.regime, assessment.vat_minor, assessment.duty_minor) == (
            "uk_low_value", 2700, 0,
        )  # fmt: skip
        assert assessment.charges == [("VAT (United Kingdom, 20 %)", 2700)]
    else:
        assert assessment.notice == ON_DELIVERY


@pytest.mark.parametrize(("jpy_per_euro", "collected"), [("160", True), ("159.99", False)])
def test_a_yen_parcel_is_converted_at_the_locked_rate(jpy_per_euro, collected):
    # ¥24,000 is €150.00 at 160 ¥/€ but €150.009… at 159.99 ¥/€.
    add_rates(on=DAY, JPY=jpy_per_euro)

    assessment = assess("DE", 24000, "JPY", taxable_minor=15000, currency="EUR")

    assert assessment.collected is collected
    assert assessment.vat_minor == (2850 if collected else 0)  # 19 % of €150.00


def test_the_rate_of_the_locked_day_is_used_not_a_later_one():
    add_rates(on=DAY, JPY="160")
    add_rates(on=DAY + dt.timedelta(days=1), JPY="150")  # published after the rate was locked

    assert assess("DE", 24000, "JPY", taxable_minor=15000, currency="EUR").collected is True


def test_an_excise_line_means_nothing_is_collected():
    wine = ConsignmentLine(hs_code="220421", quantity=1, excise=True)

    assessment = assess("FR", 5000, lines=[BLOUSE, wine])

    assert (assessment.collected, assessment.regime, assessment.total_minor) == (False, "", 0)
    assert assessment.notice == ON_DELIVERY


@pytest.mark.parametrize(
    ("country", "number", "normalised"),
    [
        ("FR", "FR 40 303 265 045", "FR40303265045"),
        ("GB", "GB 980 7806 84", "GB980780684"),
        ("AU", "83 914 571 673", "83914571673"),
        ("NO", "NO 988 077 917 MVA", "988077917"),
    ],
)
def test_a_business_with_a_valid_number_is_reverse_charged(country, number, normalised):
    currency = {"FR": "EUR", "GB": "GBP", "AU": "AUD", "NO": "NOK"}[country]

    assessment = assess(country, 5000, currency, business_vat_number=number)

    assert (assessment.collected, assessment.reverse_charge) == (False, True)
    assert (assessment.vat_minor, assessment.duty_minor, assessment.charges) == (0, 0, [])
    assert assessment.vat_number == normalised
    assert assessment.jurisdiction == country
    assert "Reverse charge" in assessment.notice


@pytest.mark.parametrize("number", ["FR40303265046", "DE136695976", "12"])
def test_an_invalid_or_foreign_vat_number_is_refused(number):
    with pytest.raises(InvalidVatNumber) as caught:
        assess("FR", 5000, business_vat_number=number)

    assert caught.value.code == "invalid_vat_number"
    assert caught.value.http_status == 422
    assert list(caught.value.fields) == ["vat_number"]


@pytest.mark.parametrize(("value_minor", "collected"), [(99999, True), (100001, False)])
def test_australian_gst_up_to_1000_dollars(value_minor, collected):
    assessment = assess("AU", value_minor, "AUD")

    assert assessment.collected is collected
    assert assessment.vat_minor == (10000 if collected else 0)  # 10 % of A$999.99, half-even
    if collected:
        assert assessment.charges == [("GST (Australia, 10 %)", 10000)]


def test_australia_tests_each_item_when_unit_values_are_given():
    lamp = ConsignmentLine(hs_code="940520", quantity=1, excise=False, unit_value_minor=60000)
    rug = ConsignmentLine(hs_code="570220", quantity=1, excise=False, unit_value_minor=60000)

    # A$1,200 in all, but no item is above A$1,000: GST is collected on the whole sale.
    assessment = assess("AU", 120000, "AUD", lines=[lamp, rug])

    assert (assessment.collected, assessment.vat_minor) == (True, 12000)


@pytest.mark.parametrize(("value_minor", "collected"), [(300000, True), (300001, False)])
def test_norway_voec_up_to_3000_kroner(value_minor, collected):
    assessment = assess("NO", value_minor, "NOK", taxable_minor=10000)

    assert (assessment.collected, assessment.vat_minor) == (collected, 2500 if collected else 0)
    if collected:
        assert (assessment.regime, assessment.charges) == (
            "no_voec", [("VAT (Norway, 25 %)", 2500)],
        )  # fmt: skip


def test_the_flat_duty_starts_on_1_july_2026():
    before = assess("FR", 10000, on=dt.date(2026, 6, 30))
    after = assess("FR", 10000, on=dt.date(2026, 7, 1))

    assert (before.collected, before.duty_minor, len(before.charges)) == (True, 0, 1)
    assert (after.collected, after.duty_minor, len(after.charges)) == (True, 300, 2)


def test_duty_counts_distinct_hs6_subheadings_not_items():
    silk = ConsignmentLine(hs_code="6206.10.00", quantity=1, excise=False)
    wool = ConsignmentLine(hs_code="620620", quantity=2, excise=False)
    more_wool = ConsignmentLine(hs_code="62062090", quantity=1, excise=False)

    assessment = assess("FR", 10000, lines=[silk, wool, more_wool])

    assert assessment.duty_minor == 600
    assert ("EU customs duty (2 × €3.00)", 600) in assessment.charges


def test_lines_without_a_tariff_code_each_count_as_a_subheading():
    unknown = ConsignmentLine(hs_code="", quantity=1, excise=False)
    short = ConsignmentLine(hs_code="62", quantity=1, excise=False)

    assert assess("FR", 10000, lines=[BLOUSE, unknown, short]).duty_minor == 900


def test_duty_is_converted_into_the_buyers_currency():
    add_rates(on=DAY, PLN="4.25")

    assessment = assess("PL", 10000, taxable_minor=42500, currency="PLN")

    assert (assessment.currency, assessment.vat_minor, assessment.duty_minor) == (
        "PLN", 9775, 1275,
    )  # fmt: skip


def test_vat_rounds_half_to_even():
    # 25 % of 2 øre is 0.5 → 0; of 6 øre, 1.5 → 2.
    assert assess("NO", 10000, "NOK", taxable_minor=2).vat_minor == 0
    assert assess("NO", 10000, "NOK", taxable_minor=6).vat_minor == 2


def test_no_rule_for_the_destination_says_nothing():
    assessment = assess("US", 5000, "USD", business_vat_number="anything")

    assert (assessment.collected, assessment.regime, assessment.jurisdiction) == (False, "", "")
    assert (assessment.notice, assessment.charges, assessment.reverse_charge) == ("", [], False)


def test_a_rule_outside_its_period_does_not_apply():
    ImportTaxRule.objects.filter(country="GB").update(valid_to=DAY - dt.timedelta(days=1))

    assert assess("GB", 5000, "GBP").collected is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"destination": "XX"}, "destination"),
        ({"lines": []}, "lines"),
        ({"lines": [ConsignmentLine(hs_code="620610", quantity=0, excise=False)]}, "lines"),
        ({"value_minor": -1}, "value_minor"),
        ({"taxable_minor": -5}, "taxable_minor"),
    ],
)
def test_bad_input_is_refused_with_a_field(changes, field):
    with pytest.raises(InvalidConsignment) as caught:
        assess_consignment(**(VALID | changes))

    assert (caught.value.code, caught.value.http_status) == ("invalid_consignment", 422)
    assert list(caught.value.fields) == [field]


def test_an_unknown_currency_is_refused():
    with pytest.raises(UnknownCurrency):
        assess("FR", 10000, "XYZ")
