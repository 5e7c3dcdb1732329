"""Prices between the buyer's display currency and the index's (schema.PRICE_CURRENCY).

Buyers type price bounds and see price buckets in their display currency; the index compares
prices normalised to one currency. Buckets sit on round numbers of the display currency.
"""

import dataclasses
from decimal import Decimal

from tradepost.money.money import Money
from tradepost.search import schema
from tradepost.storefront.prices import RateBook

# Bucket boundaries in euros, moved to round numbers of the display currency.
PRICE_EDGES_EUR = (10, 25, 50, 100, 250)
_NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def nice(value: Decimal) -> Decimal:
    """The largest of 1, 2, 2.5, 5 × 10^k not above `value`."""
    if value <= 0:
        return Decimal(0)
    power = Decimal(10) ** (value.adjusted())
    return max(step * power for step in _NICE if step * power <= value)


@dataclasses.dataclass(frozen=True)
class PriceTerms:
    """A buyer's price bounds and the bucket edges, in the display currency and in the index's."""

    low: int | None  # index minor units, inclusive
    high: int | None
    shown_edges: list[Money]  # display currency
    index_edges: tuple[int, ...]  # () when the display currency has no rate


def price_terms(display_currency: str, low_minor: int | None, high_minor: int | None) -> PriceTerms:
    """Bounds typed in the display currency (minor units) and the price buckets, for the index.
    One rate book for every conversion of the request."""
    to_index = RateBook(schema.PRICE_CURRENCY)

    def convert(minor: int | None) -> int | None:
        if minor is None:
            return None
        converted = to_index.convert(Money(minor, display_currency))
        return converted.minor if converted is not None else None

    shown, in_index = _bucket_edges(display_currency, convert)
    return PriceTerms(convert(low_minor), convert(high_minor), shown, in_index)


def bucket_edges(display_currency: str) -> tuple[list[Money], tuple[int, ...]]:
    terms = price_terms(display_currency, None, None)
    return terms.shown_edges, terms.index_edges


def _bucket_edges(display_currency: str, convert) -> tuple[list[Money], tuple[int, ...]]:
    """Bucket boundaries in the display currency and the same in index units ([] without a
    rate)."""
    rate = RateBook(display_currency).rate(schema.PRICE_CURRENCY)
    if rate is None:
        return [], ()
    edges = sorted({nice(Decimal(eur) * rate) for eur in PRICE_EDGES_EUR} - {Decimal(0)})
    shown = [Money.from_decimal(edge, display_currency) for edge in edges]
    in_index = tuple(convert(m.minor) for m in shown)
    if None in in_index:
        return [], ()
    return shown, in_index  # type: ignore[return-value]
