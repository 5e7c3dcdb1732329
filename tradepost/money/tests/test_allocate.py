import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money
from tradepost.money.tests.strategies import CURRENCIES, PROPERTY, money

RATIOS = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12)


@pytest.mark.parametrize(
    ("value", "ratios", "expected_minor"),
    [
        (Money(100, "USD"), [1, 1, 1], [34, 33, 33]),
        (Money(10, "JPY"), [70, 30], [7, 3]),
        (Money(5, "JPY"), [1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0, 0]),
        (Money(1000, "KWD"), [1, 2], [333, 667]),
        (Money(-100, "USD"), [1, 1, 1], [-34, -33, -33]),
        (Money(100, "USD"), [0, 1, 0], [0, 100, 0]),
    ],
)
def test_splits_by_largest_remainder(value, ratios, expected_minor):
    parts = value.allocate(ratios)

    assert [part.minor for part in parts] == expected_minor
    assert {part.currency for part in parts} == {value.currency}


@pytest.mark.parametrize("ratios", [[], [0, 0], [1, -1], [1.5, 1], [True, 1]])
def test_refuses_bad_ratios(ratios):
    with pytest.raises(InvalidAmount):
        Money(100, "USD").allocate(ratios)


@PROPERTY
@given(money(st.integers(min_value=0, max_value=10**18)), RATIOS)
def test_parts_sum_back_exactly_and_are_never_negative(value, ratios):
    assume(sum(ratios) > 0)

    parts = value.allocate(ratios)

    assert len(parts) == len(ratios)
    assert sum(parts, Money.zero(value.currency)) == value
    assert all(part.minor >= 0 for part in parts)


@PROPERTY
@given(money(st.integers(min_value=0, max_value=10**18)), RATIOS)
def test_each_part_is_within_one_unit_of_its_exact_share(value, ratios):
    assume(sum(ratios) > 0)

    parts = value.allocate(ratios)

    total = sum(ratios)
    for part, ratio in zip(parts, ratios, strict=True):
        # |part - value * ratio / total| < 1, kept in integers.
        assert abs(part.minor * total - value.minor * ratio) < total
        if ratio == 0:
            assert part.minor == 0


@PROPERTY
@given(st.integers(min_value=1, max_value=10**18), CURRENCIES, RATIOS)
def test_negative_amount_is_the_negated_split_of_its_absolute_value(minor, currency, ratios):
    assume(sum(ratios) > 0)

    negative = Money(-minor, currency).allocate(ratios)

    assert negative == [-part for part in Money(minor, currency).allocate(ratios)]
    assert sum(negative, Money.zero(currency)) == Money(-minor, currency)


@PROPERTY
@given(money(), RATIOS)
def test_is_deterministic(value, ratios):
    assume(sum(ratios) > 0)

    assert value.allocate(ratios) == value.allocate(list(ratios))
