from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradepost.money.rounding import (
    CEILING,
    DOWN,
    FLOOR,
    HALF_DOWN,
    HALF_EVEN,
    HALF_UP,
    UP,
    Rounding,
    divide,
)
from tradepost.money.tests.strategies import PROPERTY


@pytest.mark.parametrize(
    ("numerator", "rounding", "expected"),
    [
        (25, HALF_EVEN, 2),
        (35, HALF_EVEN, 4),
        (-25, HALF_EVEN, -2),
        (25, HALF_UP, 3),
        (-25, HALF_UP, -3),
        (25, HALF_DOWN, 2),
        (-25, HALF_DOWN, -2),
        (21, UP, 3),
        (-21, UP, -3),
        (29, DOWN, 2),
        (-29, DOWN, -2),
        (-21, FLOOR, -3),
        (-29, CEILING, -2),
        (30, HALF_EVEN, 3),
    ],
)
def test_divides_by_ten_with_each_mode(numerator, rounding, expected):
    assert divide(numerator, 10, rounding) == expected


def test_refuses_an_unknown_mode():
    with pytest.raises(ValueError, match="ROUND_SOMETIMES"):
        divide(25, 10, "ROUND_SOMETIMES")


@PROPERTY
@given(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(list(Rounding)),
)
def test_agrees_with_decimal_quantize(numerator, denominator, rounding):
    # Enough precision that the quotient's fraction is never itself rounded.
    with localcontext(prec=80):
        expected = (Decimal(numerator) / Decimal(denominator)).quantize(1, rounding=rounding)

    assert divide(numerator, denominator, rounding) == int(expected)
