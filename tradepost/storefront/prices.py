"""Prices in the buyer's display currency, converted from each store's currency.

A `RateBook` belongs to one request: it reads each (store currency → display currency) rate at
most once, through `money.fx.get_rate`, and the process keeps it for RATE_CACHE_SECONDS (the age
a rate may have on a page), so a page of 24 listings from 5 currencies costs at most 5 rate
look-ups when cold and none when warm — not even a shared-cache round trip: a process reads a
pair from the database at most once per period.
The conversion is the same arithmetic as `fx.convert` (amount × rate, rounded once half-even),
so the page shows what checkout will charge at that rate.
"""

import dataclasses
import functools
from collections.abc import Iterable
from decimal import Decimal

from django.core.cache import caches

from tradepost.money import currencies, fx
from tradepost.money.errors import ExchangeRateUnavailable, UnknownCurrency
from tradepost.money.money import Money, exact_product, to_minor_units
from tradepost.money.rounding import HALF_EVEN
from tradepost.web.preferences import current_currency

RATE_CACHE_SECONDS = 300
_MISSING = "missing"


@dataclasses.dataclass(frozen=True)
class DisplayPrice:
    shown: Money  # in the display currency, or the original when no rate exists
    original: Money  # in the store's currency

    @property
    def converted(self) -> bool:
        return self.shown.currency != self.original.currency


class RateBook:
    def __init__(self, display_currency: str):
        self.display_currency = display_currency
        self._rates: dict[str, Decimal | None] = {display_currency: Decimal(1)}

    def _key(self, currency: str) -> str:
        return f"storefront:rate:{currency}:{self.display_currency}"

    def load(self, codes: Iterable[str]) -> None:
        """The rates for `codes` from the process's cache, reading misses from the DB."""
        wanted = [c for c in set(codes) if c not in self._rates]
        if not wanted:
            return
        local = caches["objects"]
        found = local.get_many([self._key(c) for c in wanted])
        for code in wanted:
            value = found.get(self._key(code))
            if value is None:
                value = self._read(code)
                local.set(self._key(code), value, RATE_CACHE_SECONDS)
            self._rates[code] = None if value == _MISSING else Decimal(value)

    def _read(self, code: str) -> str:
        try:
            return str(fx.get_rate(code, self.display_currency).value)
        except (ExchangeRateUnavailable, UnknownCurrency):
            return _MISSING

    def rate(self, currency: str) -> Decimal | None:
        if currency not in self._rates:
            self.load([currency])
        return self._rates[currency]

    def factor(self, currency: str) -> Decimal | None:
        """Minor units of `currency` → minor units of the display currency (for SQL sorting)."""
        rate = self.rate(currency)
        if rate is None:
            return None
        shift = currencies.exponent(self.display_currency) - currencies.exponent(currency)
        return rate.scaleb(shift)

    def convert(self, money: Money) -> Money | None:
        rate = self.rate(money.currency)
        if rate is None:
            return None
        return _converted(money, rate, self.display_currency)

    def price(self, money: Money) -> DisplayPrice:
        return DisplayPrice(shown=self.convert(money) or money, original=money)


@functools.lru_cache(maxsize=65_536)
def _converted(money: Money, rate: Decimal, currency: str) -> Money:
    """`money` × `rate` in `currency`, rounded once half-even. Kept per process: a listing page
    converts two dozen prices, mostly ones it converted before at the same rate, and the exact
    Decimal arithmetic was a tenth of the search API's time."""
    product = exact_product(money.amount, rate)
    return Money(to_minor_units(product, currencies.exponent(currency), HALF_EVEN), currency)


def rates_for(request) -> RateBook:
    """The request's rate book (made on first use)."""
    book = getattr(request, "_rate_book", None)
    if book is None:
        book = RateBook(current_currency(request))
        request._rate_book = book
    return book
