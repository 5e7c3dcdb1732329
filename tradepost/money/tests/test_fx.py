import datetime as dt
from decimal import Decimal

import pytest

from tradepost.money.errors import ExchangeRateUnavailable, UnknownCurrency
from tradepost.money.fx import convert, get_rate
from tradepost.money.money import Money
from tradepost.money.rounding import DOWN, HALF_EVEN

MAY_26_2020 = dt.date(2020, 5, 26)
JULY_8_2022 = dt.date(2022, 7, 8)

# Rates from eurofxref-2022-07-08.xml (units per 1 EUR): JPY 138.05, BRL 5.4345, USD 1.0163.
# Rates from eurofxref-2020-05-26.xml: JPY 117.92, RUB 77.7494.
# Cross rates are quote/base rounded (half-even) to 12 significant digits, worked out by hand:
#   JPY->BRL 5.4345 / 138.05 = 0.039366171676928...  -> 0.0393661716769
#   USD->JPY 138.05 / 1.0163 = 135.835875233690...   -> 135.835875234
#   JPY->EUR 1 / 138.05      = 0.0072437522636725... -> 0.00724375226367


def test_eur_to_jpy_uses_the_published_rate(rates_2022):
    # 100.00 EUR * 138.05 = 13805 JPY
    result = convert(Money(10000, "EUR"), "JPY")

    assert result.money == Money(13805, "JPY")
    assert result.rate == Decimal("138.05")
    assert result.rate_date == JULY_8_2022


def test_rounds_once_with_the_named_mode(rates_2022):
    # 12.34 EUR * 138.05 = 1703.537 JPY
    assert convert(Money(1234, "EUR"), "JPY").money == Money(1704, "JPY")
    assert convert(Money(1234, "EUR"), "JPY", rounding=DOWN).money == Money(1703, "JPY")


def test_jpy_to_brl_goes_through_the_euro(rates_2022):
    # 12345 JPY * 0.0393661716769 = 485.9753893513... BRL -> 485.98
    result = convert(Money(12345, "JPY"), "BRL")

    assert result.money == Money(48598, "BRL")
    assert result.rate == Decimal("0.0393661716769")
    assert result.rate_date == JULY_8_2022


def test_small_jpy_amount_to_brl(rates_2022):
    # 10000 JPY * 0.0393661716769 = 393.661716769 BRL -> 393.66; 1 JPY -> 0.0394 -> 0.04
    assert convert(Money(10000, "JPY"), "BRL").money == Money(39366, "BRL")
    assert convert(Money(1, "JPY"), "BRL").money == Money(4, "BRL")


def test_usd_to_jpy_and_jpy_to_eur(rates_2022):
    # 25.00 USD * 135.835875234 = 3395.89688085 -> 3396 JPY
    assert convert(Money(2500, "USD"), "JPY").money == Money(3396, "JPY")
    # 13805 JPY * 0.00724375226367 = 99.99999999996... -> 100.00 EUR
    assert convert(Money(13805, "JPY"), "EUR").money == Money(10000, "EUR")


def test_negative_amounts_convert_symmetrically(rates_2022):
    assert convert(Money(-12345, "JPY"), "BRL").money == Money(-48598, "BRL")


def test_same_currency_needs_no_rate(db):
    result = convert(Money(1234, "KWD"), "KWD")

    assert (result.money, result.rate, result.rate_date) == (Money(1234, "KWD"), Decimal(1), None)


def test_picks_the_newest_rate_on_or_before_the_day(rates_both):
    assert get_rate("EUR", "JPY").value == Decimal("138.05")
    assert get_rate("EUR", "JPY", JULY_8_2022).value == Decimal("138.05")
    assert get_rate("EUR", "JPY", dt.date(2022, 7, 7)).value == Decimal("117.92")
    assert get_rate("EUR", "JPY", dt.date(2021, 1, 1)).rate_date == MAY_26_2020
    assert get_rate("EUR", "JPY", MAY_26_2020).value == Decimal("117.92")


def test_nothing_before_the_first_day_is_unavailable(rates_both):
    with pytest.raises(ExchangeRateUnavailable) as caught:
        get_rate("EUR", "JPY", dt.date(2020, 5, 25))

    assert caught.value.code == "exchange_rate_unavailable"
    assert caught.value.http_status == 422


def test_a_cross_rate_reports_its_oldest_leg(rates_both):
    # RUB stopped in March 2022, so on 2022-07-08 its newest rate is 2020-05-26's 77.7494.
    # RUB->JPY 138.05 / 77.7494 = 1.775576403161... -> 1.77557640316
    rate = get_rate("RUB", "JPY", JULY_8_2022)

    assert rate.value == Decimal("1.77557640316")
    assert rate.leg_dates == (MAY_26_2020, JULY_8_2022)
    assert rate.rate_date == MAY_26_2020


def test_currency_missing_from_the_file_is_unavailable(rates_2022):
    with pytest.raises(ExchangeRateUnavailable):
        get_rate("RUB", "EUR", JULY_8_2022)
    with pytest.raises(ExchangeRateUnavailable):
        convert(Money(100, "JPY"), "RUB", on=JULY_8_2022)


def test_currency_the_ecb_never_publishes_is_unavailable(rates_2022):
    with pytest.raises(ExchangeRateUnavailable):
        convert(Money(1000, "KWD"), "EUR")


def test_no_rates_at_all_is_unavailable(db):
    with pytest.raises(ExchangeRateUnavailable):
        convert(Money(100, "EUR"), "USD")


@pytest.mark.parametrize(("from_currency", "to_currency"), [("XYZ", "EUR"), ("EUR", "xyz")])
def test_unknown_currency_is_refused(rates_2022, from_currency, to_currency):
    with pytest.raises(UnknownCurrency) as caught:
        get_rate(from_currency, to_currency)

    assert caught.value.code == "unknown_currency"


def test_looks_up_both_legs_in_one_query(rates_both, django_assert_num_queries):
    with django_assert_num_queries(1):
        get_rate("JPY", "BRL", JULY_8_2022)


def test_stored_rate_reproduces_the_conversion(rates_2022):
    conversion = convert(Money(12345, "JPY"), "BRL")

    # What an order does later with the rate it stored: multiply and round the same way.
    again = Money.from_decimal(
        Money(12345, "JPY").amount * conversion.rate, "BRL", rounding=HALF_EVEN
    )

    assert again == conversion.money
