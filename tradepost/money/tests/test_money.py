from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradepost.money.errors import CurrencyMismatch, InvalidAmount, UnknownCurrency
from tradepost.money.money import Money
from tradepost.money.rounding import DOWN, HALF_EVEN, HALF_UP, Rounding
from tradepost.money.tests.strategies import CURRENCIES, MINOR, PROPERTY, money


@pytest.mark.parametrize(
    ("currency", "exponent", "one_minor_unit"),
    [("JPY", 0, "1"), ("USD", 2, "0.01"), ("KWD", 3, "0.001"), ("EUR", 2, "0.01")],
)
def test_exponent_comes_from_the_currency(currency, exponent, one_minor_unit):
    one = Money(1, currency)

    assert one.exponent == exponent
    assert one.amount == Decimal(one_minor_unit)
    assert str(one.amount) == one_minor_unit


def test_amount_keeps_the_currency_decimals():
    assert str(Money(500, "USD").amount) == "5.00"
    assert str(Money(-5, "KWD").amount) == "-0.005"
    assert str(Money(0, "JPY").amount) == "0"


@pytest.mark.parametrize("minor", [1.5, 1.0, Decimal("1"), True, "100", None])
def test_refuses_anything_but_an_int_of_minor_units(minor):
    with pytest.raises(InvalidAmount) as caught:
        Money(minor, "USD")

    assert caught.value.code == "invalid_amount"
    assert caught.value.http_status == 422


@pytest.mark.parametrize("currency", ["XYZ", "usd", "", "EURO", None])
def test_refuses_a_currency_unknown_to_babel(currency):
    with pytest.raises(UnknownCurrency) as caught:
        Money(100, currency)

    assert caught.value.code == "unknown_currency"
    assert caught.value.http_status == 422


@pytest.mark.parametrize("value", [1.5, 2, True])
def test_from_decimal_refuses_floats_and_ints(value):
    with pytest.raises(InvalidAmount):
        Money.from_decimal(value, "USD")


@pytest.mark.parametrize("value", ["abc", "", "NaN", "Infinity", Decimal("-Infinity")])
def test_from_decimal_refuses_non_numbers(value):
    with pytest.raises(InvalidAmount):
        Money.from_decimal(value, "USD")


def test_from_decimal_refuses_to_round_unless_asked():
    with pytest.raises(InvalidAmount):
        Money.from_decimal("1.005", "USD")
    with pytest.raises(InvalidAmount):
        Money.from_decimal("12.5", "JPY")


@pytest.mark.parametrize(
    ("value", "currency", "rounding", "minor"),
    [
        ("1.005", "USD", HALF_EVEN, 100),
        ("1.015", "USD", HALF_EVEN, 102),
        ("1.005", "USD", HALF_UP, 101),
        ("-1.005", "USD", HALF_UP, -101),
        ("1.009", "USD", DOWN, 100),
        ("-1.009", "USD", DOWN, -100),
        ("12.5", "JPY", HALF_EVEN, 12),
        ("12.5", "JPY", HALF_UP, 13),
        ("1.2345", "KWD", HALF_EVEN, 1234),
        ("1.2355", "KWD", HALF_EVEN, 1236),
        ("1E+3", "JPY", None, 1000),
        ("7", "KWD", None, 7000),
    ],
)
def test_from_decimal_rounds_with_the_named_mode(value, currency, rounding, minor):
    assert Money.from_decimal(value, currency, rounding=rounding) == Money(minor, currency)


@PROPERTY
@given(money())
def test_from_decimal_and_amount_round_trip(value):
    assert Money.from_decimal(value.amount, value.currency) == value
    assert Money.from_decimal(str(value.amount), value.currency) == value


@PROPERTY
@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=6, max_value=10**12, min_value=-(10**12)
    ),
    CURRENCIES,
    st.sampled_from(list(Rounding)),
)
def test_from_decimal_rounds_like_decimal_quantize(value, currency, rounding):
    result = Money.from_decimal(value, currency, rounding=rounding)

    expected = value.quantize(Decimal(1).scaleb(-result.exponent), rounding=rounding)
    assert result.amount == expected


def test_adds_subtracts_and_negates_within_a_currency():
    a, b = Money(1050, "EUR"), Money(275, "EUR")

    assert a + b == Money(1325, "EUR")
    assert a - b == Money(775, "EUR")
    assert -a == Money(-1050, "EUR")
    assert abs(Money(-3, "EUR")) == Money(3, "EUR")
    assert a * 3 == 3 * a == Money(3150, "EUR")


def test_sums_from_zero_or_from_the_builtin_default():
    prices = [Money(100, "JPY"), Money(250, "JPY"), Money(1, "JPY")]

    assert sum(prices, Money.zero("JPY")) == Money(351, "JPY")
    assert sum(prices) == Money(351, "JPY")
    assert sum([], Money.zero("JPY")) == Money(0, "JPY")


def test_compares_within_a_currency():
    assert Money(1, "USD") < Money(2, "USD") <= Money(2, "USD")
    assert Money(3, "USD") > Money(2, "USD") >= Money(2, "USD")
    assert Money(1, "USD") != Money(1, "EUR")
    assert sorted([Money(3, "USD"), Money(-1, "USD")]) == [Money(-1, "USD"), Money(3, "USD")]


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a >= b,
        lambda a, b: sum([a, b], Money.zero("USD")),
    ],
)
def test_mixed_currencies_raise_currency_mismatch(operation):
    with pytest.raises(CurrencyMismatch) as caught:
        operation(Money(100, "USD"), Money(100, "EUR"))

    assert caught.value.code == "currency_mismatch"


@PROPERTY
@given(money(), st.sampled_from(["USD", "JPY", "KWD"]))
def test_mixed_currencies_always_raise(value, other_currency):
    other = Money(1, other_currency)
    if other.currency == value.currency:
        return
    with pytest.raises(CurrencyMismatch):
        value + other


@pytest.mark.parametrize("factor", [1.5, 2.0, Decimal("2"), True])
def test_multiplying_by_non_integers_is_refused(factor):
    with pytest.raises(TypeError):
        Money(100, "USD") * factor


@PROPERTY
@given(MINOR, MINOR, CURRENCIES)
def test_arithmetic_is_exact_on_minor_units(a, b, currency):
    left, right = Money(a, currency), Money(b, currency)

    assert (left + right).minor == a + b
    assert (left - right).minor == a - b
    assert (left - right) + right == left


@pytest.mark.parametrize(
    ("minor", "factor", "rounding", "expected"),
    [
        (1000, "0.035", HALF_EVEN, 35),  # 3.5 % of 10.00 = 0.35
        (999, "0.035", HALF_EVEN, 35),  # 0.34965 -> 0.35
        (50, "0.5", HALF_EVEN, 25),
        (5, "0.5", HALF_EVEN, 2),  # 2.5 -> 2
        (5, "0.5", HALF_UP, 3),
    ],
)
def test_scale_rounds_once_with_the_named_mode(minor, factor, rounding, expected):
    result = Money(minor, "USD").scale(Decimal(factor), rounding=rounding)

    assert result == Money(expected, "USD")


def test_money_is_immutable():
    price = Money(100, "USD")

    with pytest.raises(AttributeError):
        price.minor = 200  # type: ignore[misc]


@pytest.mark.parametrize("value", ["1E+999999999", "1E-999999999", "9" * 5000])
def test_from_decimal_refuses_absurd_magnitudes_quickly(value):
    with pytest.raises(InvalidAmount, match="out of range"):
        Money.from_decimal(value, "USD", rounding=HALF_EVEN)
