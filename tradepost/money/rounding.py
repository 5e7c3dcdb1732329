"""Named rounding modes and exact integer rounding (DESIGN.md §4: rounding is explicit and named).

The values are the `decimal` module's own constants, so a `Rounding` can also be handed to
`Decimal.quantize(rounding=...)`.
"""

import decimal
from enum import StrEnum


class Rounding(StrEnum):
    HALF_EVEN = decimal.ROUND_HALF_EVEN  # banker's rounding: the default for conversions
    HALF_UP = decimal.ROUND_HALF_UP  # ties away from zero (what most people learned at school)
    HALF_DOWN = decimal.ROUND_HALF_DOWN  # ties towards zero
    DOWN = decimal.ROUND_DOWN  # towards zero (truncate)
    UP = decimal.ROUND_UP  # away from zero
    FLOOR = decimal.ROUND_FLOOR  # towards -infinity
    CEILING = decimal.ROUND_CEILING  # towards +infinity


HALF_EVEN = Rounding.HALF_EVEN
HALF_UP = Rounding.HALF_UP
HALF_DOWN = Rounding.HALF_DOWN
DOWN = Rounding.DOWN
UP = Rounding.UP
FLOOR = Rounding.FLOOR
CEILING = Rounding.CEILING


def divide(numerator: int, denominator: int, rounding: Rounding) -> int:
    """`numerator / denominator` rounded to an integer with `rounding`, exactly (no Decimal context)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    mode = Rounding(rounding)
    floor, remainder = divmod(numerator, denominator)
    if remainder == 0:
        return floor
    ceiling = floor + 1
    towards_zero, away_from_zero = (floor, ceiling) if numerator > 0 else (ceiling, floor)
    directed = {
        Rounding.FLOOR: floor,
        Rounding.CEILING: ceiling,
        Rounding.DOWN: towards_zero,
        Rounding.UP: away_from_zero,
    }
    if mode in directed:
        return directed[mode]
    twice = 2 * remainder
    if twice != denominator:
        return floor if twice < denominator else ceiling
    # An exact tie.
    if mode is Rounding.HALF_UP:
        return away_from_zero
    if mode is Rounding.HALF_DOWN:
        return towards_zero
    return floor if floor % 2 == 0 else ceiling
