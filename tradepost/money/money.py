"""The Money value: an integer count of a currency's minor units plus its ISO 4217 code.

Never a float, and nothing here rounds unless the caller names a `Rounding` (DESIGN.md §4).
"""

import functools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Self

from babel.numbers import format_currency
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from tradepost.money import currencies
from tradepost.money.errors import CurrencyMismatch, InvalidAmount, UnknownCurrency
from tradepost.money.rounding import Rounding, divide

# No price, rate or product of the two comes near 64 digits or 64 decimal places.
_MAX_DIGITS = 64


def _is_int(value: object) -> bool:
    # bool is an int subclass, but True dollars is always a bug.
    return isinstance(value, int) and not isinstance(value, bool)


def _to_decimal(value: Decimal | str) -> Decimal:
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidAmount(
                _("“%(value)s” is not a decimal number.") % {"value": value[:32]}
            ) from None
    elif not isinstance(value, Decimal):
        raise InvalidAmount(
            _("Expected a Decimal or a str, got %(type)s.") % {"type": type(value).__name__}
        )
    if not value.is_finite():
        raise InvalidAmount(_("The amount must be a finite number."))
    return value


def to_minor_units(value: Decimal, exp: int, rounding: Rounding | None) -> int:
    """`value * 10**exp` as an int, exactly; rounds only with a named `rounding`, else refuses."""
    sign, digits, exponent = value.as_tuple()
    # Bounded so that hostile input ("1E+999999999") cannot make 10**shift eat the machine.
    if len(digits) > _MAX_DIGITS or abs(exponent) > _MAX_DIGITS:
        raise InvalidAmount(_("The amount is out of range."))
    coefficient = int("".join(map(str, digits))) * (-1 if sign else 1)
    if rounding is not None:
        rounding = Rounding(rounding)  # a typo in the mode fails here, not only on a tie
    shift = exponent + exp
    if shift >= 0:
        return coefficient * 10**shift
    minor, remainder = divmod(coefficient, 10**-shift)
    if remainder == 0:
        return minor
    if rounding is None:
        raise InvalidAmount(
            _("%(value)s has more decimal places than the currency allows (%(exp)s).")
            % {"value": value, "exp": exp}
        )
    return divide(coefficient, 10**-shift, rounding)


def exact_product(left: Decimal, right: Decimal) -> Decimal:
    """`left * right` without the Decimal context's 28-digit rounding (a product is exact)."""
    left_sign, left_digits, left_exp = left.as_tuple()
    right_sign, right_digits, right_exp = right.as_tuple()
    coefficient = int("".join(map(str, left_digits))) * int("".join(map(str, right_digits)))
    digits = tuple(int(d) for d in str(coefficient))
    return Decimal((left_sign ^ right_sign, digits, left_exp + right_exp))


@dataclass(frozen=True, slots=True)
class Money:
    minor: int
    currency: str

    def __post_init__(self) -> None:
        if not _is_int(self.minor):
            raise InvalidAmount(
                _("Money takes an int count of minor units, not %(type)s.")
                % {"type": type(self.minor).__name__}
            )
        if not currencies.is_known_currency(self.currency):
            raise UnknownCurrency(self.currency)

    # --- construction and views ---------------------------------------------------------------

    @classmethod
    def zero(cls, currency: str) -> Self:
        return cls(0, currency)

    @classmethod
    def from_decimal(
        cls, value: Decimal | str, currency: str, *, rounding: Rounding | None = None
    ) -> Self:
        """`Decimal("12.34"), "USD"` -> 1234 cents; more decimals than the currency has need `rounding`."""
        if not currencies.is_known_currency(currency):
            raise UnknownCurrency(currency)
        value = _to_decimal(value)
        return cls(to_minor_units(value, currencies.exponent(currency), rounding), currency)

    @property
    def exponent(self) -> int:
        return currencies.exponent(self.currency)

    @property
    def amount(self) -> Decimal:
        """The amount in major units with exactly the currency's decimals (JPY 5, USD 5.00)."""
        sign, digits, _ = Decimal(self.minor).as_tuple()
        return Decimal((sign, digits, -self.exponent))

    def scale(self, factor: Decimal, *, rounding: Rounding) -> Self:
        """This amount times a Decimal factor (a percentage, a rate), rounded once."""
        product = exact_product(self.amount, _to_decimal(factor))
        return type(self)(to_minor_units(product, self.exponent, rounding), self.currency)

    def allocate(self, ratios: Sequence[int]) -> list[Self]:
        """Split by integer ratios (largest-remainder method): the parts always sum to self."""
        parts = _allocate_minor(abs(self.minor), ratios)
        sign = -1 if self.minor < 0 else 1
        return [type(self)(sign * part, self.currency) for part in parts]

    # --- arithmetic ---------------------------------------------------------------------------

    def _same_currency(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(self.currency, other.currency)

    def __add__(self, other: object) -> Self:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return type(self)(self.minor + other.minor, self.currency)

    def __radd__(self, other: object) -> Self:
        # Only so that the builtin sum() can start from its default 0.
        if _is_int(other) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Self:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return type(self)(self.minor - other.minor, self.currency)

    def __neg__(self) -> Self:
        return type(self)(-self.minor, self.currency)

    def __pos__(self) -> Self:
        return self

    def __abs__(self) -> Self:
        return type(self)(abs(self.minor), self.currency)

    def __mul__(self, other: object) -> Self:
        # Integers only: scaling by a fraction needs a named rounding, see `scale`.
        if not _is_int(other):
            return NotImplemented
        return type(self)(self.minor * other, self.currency)

    __rmul__ = __mul__

    # --- comparison (equality is the dataclass's: same minor units and same currency) ------------

    def _compare(self, other: object, op: Callable[[int, int], bool]) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return op(self.minor, other.minor)

    def __lt__(self, other: object) -> bool:
        return self._compare(other, operator.lt)

    def __le__(self, other: object) -> bool:
        return self._compare(other, operator.le)

    def __gt__(self, other: object) -> bool:
        return self._compare(other, operator.gt)

    def __ge__(self, other: object) -> bool:
        return self._compare(other, operator.ge)

    def __str__(self) -> str:
        # Unambiguous, not localised: pages use format_money / {% money %}.
        return f"{self.amount} {self.currency}"


def _allocate_minor(total: int, ratios: Sequence[int]) -> list[int]:
    if not ratios or not all(_is_int(r) and r >= 0 for r in ratios):
        raise InvalidAmount(
            _("Allocation ratios must be a non-empty list of non-negative integers.")
        )
    ratio_sum = sum(ratios)
    if ratio_sum == 0:
        raise InvalidAmount(_("Allocation ratios must not all be zero."))
    shares = [divmod(total * ratio, ratio_sum) for ratio in ratios]
    parts = [share for share, _ in shares]
    left_over = total - sum(parts)
    # The parts with the largest remainders get one more unit; ties go to the earlier part.
    by_remainder = sorted(range(len(ratios)), key=lambda i: (-shares[i][1], i))
    for index in by_remainder[:left_over]:
        parts[index] += 1
    return parts


def format_money(money: Money, locale: str | None = None) -> str:
    """Localised text with the currency's own digits: de "1.234,56 €", ja "￥1,234".

    `locale` is a Django language code ("zh-hans") or a Babel locale ("zh_Hans"); by default the
    active language.
    """
    return _format(money.minor, money.currency, to_locale(locale or get_language() or "en"))


@functools.lru_cache(maxsize=65536)
def _format(minor: int, currency: str, babel_locale: str) -> str:
    # Babel takes ~100 µs per amount; a listing page shows the same few prices many times.
    amount = Money(minor, currency).amount
    return format_currency(amount, currency, locale=babel_locale, currency_digits=True)
