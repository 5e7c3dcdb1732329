"""Currencies: ISO 4217 codes, minor-unit exponents (from Babel/CLDR, never hard-coded) and names."""

from functools import lru_cache

from babel.numbers import get_currency_name, get_currency_precision, get_currency_symbol
from babel.numbers import list_currencies as _babel_currencies

# The currencies a buyer can choose to see prices in (header chooser, profile, API).
DISPLAY_CURRENCIES: tuple[str, ...] = (
    "USD", "EUR", "GBP", "RUB", "BRL", "KRW", "JPY", "CNY", "TRY",
    "PLN", "UAH", "IDR", "VND", "THB", "MXN", "INR", "AUD", "CAD",
)  # fmt: skip


@lru_cache(maxsize=1)
def known_currencies() -> frozenset[str]:
    return frozenset(_babel_currencies())


def is_known_currency(code: str) -> bool:
    return isinstance(code, str) and code in known_currencies()


@lru_cache(maxsize=512)
def exponent(code: str) -> int:
    """Number of minor-unit digits: JPY 0, USD 2, KWD 3 (CLDR data via Babel)."""
    return get_currency_precision(code)


def symbol(code: str, locale: str) -> str:
    return get_currency_symbol(code, locale=locale)


def name(code: str, locale: str) -> str:
    return get_currency_name(code, locale=locale)


@lru_cache(maxsize=64)
def display_currency_choices(locale: str) -> tuple[tuple[str, str], ...]:
    """(code, "USD $ · US Dollar") pairs for the chooser, named in `locale` (Babel form)."""
    return tuple(
        (code, f"{code} {symbol(code, locale)} · {name(code, locale)}")
        for code in DISPLAY_CURRENCIES
    )
