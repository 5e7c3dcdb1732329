import datetime as dt
from decimal import Decimal

import pytest

from tradepost.catalog.testing import make_category, make_product, make_seller_store


@pytest.fixture
def add_rates(db):
    """`add_rates(CNY="7.5", JPY="160")`: ECB rows (1 EUR = rate quote) dated today."""
    from tradepost.money.models import ExchangeRate

    def add(on: dt.date = dt.date(2026, 11, 24), **rates: str) -> None:
        for quote, rate in rates.items():
            ExchangeRate.objects.create(
                quote=quote,
                rate=Decimal(rate),
                rate_date=on,
                imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
            )

    return add


@pytest.fixture
def phones(db):
    return make_category(
        path=["electronics", "phones", "smartphones"], names={"en": "Smartphones", "ja": "スマホ"}
    )


@pytest.fixture
def cn_store(db):
    return make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")


@pytest.fixture
def product(cn_store, phones):
    return make_product(
        store=cn_store,
        category=phones,
        titles={"en": "Pocket phone", "es": "Teléfono de bolsillo"},
        variants=[{"price_minor": 6800, "stock": 5, "options": {"Colour": "Red"}}],
    )
