"""Exchange-rate look-ups and conversions (selectors: reads only).

Rates are stored against one pivot currency per source (EUR for the ECB). Any other pair is a
cross rate through the pivot, computed once and rounded to CROSS_RATE_DIGITS significant digits;
the converted amount is then `amount * rate`, rounded once with a named mode. An order stores
`Conversion.rate` and `Conversion.rate_date`, and the same multiplication gives the same result.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Context, Decimal

from django.db.models import OuterRef, Subquery

from tradepost.money import currencies
from tradepost.money.errors import ExchangeRateUnavailable, UnknownCurrency
from tradepost.money.models import ECB, EUR, ExchangeRate
from tradepost.money.money import Money, exact_product, to_minor_units
from tradepost.money.rounding import HALF_EVEN, Rounding

PIVOT = EUR
CROSS_RATE_DIGITS = 12  # significant digits: far below a minor unit on any realistic amount
_CROSS_RATE_CONTEXT = Context(prec=CROSS_RATE_DIGITS, rounding=HALF_EVEN)


@dataclass(frozen=True)
class Rate:
    """`value` units of `quote` per 1 `base`, from the pivot rows dated `leg_dates`."""

    base: str
    quote: str
    value: Decimal
    leg_dates: tuple[dt.date, ...]  # one per stored row used: none for same currency
    source: str

    @property
    def rate_date(self) -> dt.date | None:
        """The oldest row used: the conversion is no fresher than this (None: no row needed)."""
        return min(self.leg_dates, default=None)


@dataclass(frozen=True)
class Conversion:
    money: Money
    rate: Decimal
    rate_date: dt.date | None


def _require_known(code: str) -> None:
    if not currencies.is_known_currency(code):
        raise UnknownCurrency(code)


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros (138.0500000000 -> 138.05) without switching to exponent notation."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal


def _newest_pivot_rates(
    quotes: set[str], on: dt.date | None, source: str
) -> dict[str, tuple[Decimal, dt.date]]:
    """The newest row on or before `on` for each quote, in one query (a correlated subquery)."""
    rows = ExchangeRate.objects.filter(source=source, base=PIVOT)
    if on is not None:
        rows = rows.filter(rate_date__lte=on)
    newest = rows.filter(quote=OuterRef("quote")).order_by("-rate_date").values("rate_date")[:1]
    found = rows.filter(quote__in=quotes, rate_date=Subquery(newest))
    return {
        quote: (rate, day) for quote, rate, day in found.values_list("quote", "rate", "rate_date")
    }


def get_rate(
    from_currency: str, to_currency: str, on: dt.date | None = None, *, source: str = ECB
) -> Rate:
    """The rate to convert `from_currency` into `to_currency`: newest on or before `on`."""
    _require_known(from_currency)
    _require_known(to_currency)
    if from_currency == to_currency:
        return Rate(from_currency, to_currency, Decimal(1), (), source)

    wanted = {from_currency, to_currency} - {PIVOT}
    found = _newest_pivot_rates(wanted, on, source)
    if wanted - found.keys():
        raise ExchangeRateUnavailable(from_currency, to_currency, on)

    per_pivot = {code: rate for code, (rate, _) in found.items()} | {PIVOT: Decimal(1)}
    value = _CROSS_RATE_CONTEXT.divide(per_pivot[to_currency], per_pivot[from_currency])
    leg_dates = tuple(found[code][1] for code in (from_currency, to_currency) if code in found)
    return Rate(from_currency, to_currency, _plain(value), leg_dates, source)


def convert(
    money: Money,
    to_currency: str,
    *,
    on: dt.date | None = None,
    rounding: Rounding = HALF_EVEN,
    source: str = ECB,
) -> Conversion:
    """`money` in `to_currency` at the newest rate on or before `on`, rounded once."""
    rate = get_rate(money.currency, to_currency, on, source=source)
    product = exact_product(money.amount, rate.value)
    converted = Money(
        to_minor_units(product, currencies.exponent(to_currency), rounding), to_currency
    )
    return Conversion(money=converted, rate=rate.value, rate_date=rate.rate_date)
