import datetime as dt
from decimal import Decimal

import pytest

from tradepost.catalog.testing import make_category, make_seller_store


@pytest.fixture
def rates(db):
    """ECB rows (1 EUR = rate quote) for the currencies the tests use."""
    from tradepost.money.models import ExchangeRate

    for quote, rate in {"CNY": "8", "JPY": "160", "USD": "1.25", "THB": "40"}.items():
        ExchangeRate.objects.create(
            quote=quote,
            rate=Decimal(rate),
            rate_date=dt.date(2026, 11, 24),
            imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
        )


@pytest.fixture
def audio(db):
    return make_category(
        ["electronics", "audio", "headphones"],
        names={"en": "Headphones", "ru": "Наушники", "ja": "ヘッドホン", "de": "Kopfhörer"},
    )


@pytest.fixture
def kitchen(db):
    return make_category(["home", "kitchen"], names={"en": "Kitchen"})


@pytest.fixture
def cn_store(db):
    return make_seller_store(country="CN", currency="CNY", name="Shenzhen Sound")


@pytest.fixture
def de_store(db):
    return make_seller_store(country="DE", currency="EUR", name="Berlin Audio", language="de")
