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


@pytest.fixture
def shop(clock, add_rates, phones):
    """Two sellers in two currencies, rates for a buyer paying in EUR: a CNY store (flat
    shipping 15.00 CNY) selling a phone with a wholesale tier from 10 units, and a KRW store
    (free shipping) selling a cream from 2 units, in lots of 2."""
    from types import SimpleNamespace

    from tradepost.shipping.testing import flat_rate as set_flat_rate

    add_rates(CNY="7.8", KRW="1450", USD="1.05", BRL="6")
    cn = make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")
    kr = make_seller_store(country="KR", currency="KRW", name="Seoul Beauty")
    set_flat_rate(cn, rate_minor=1500)
    phone = make_product(
        store=cn, category=phones, titles={"en": "Pocket phone"},
        variants=[{"price_minor": 6800, "stock": 20, "sku": "PHONE-1", "tiers": [(10, 6000)]}],
    )  # fmt: skip
    cream = make_product(
        store=kr, category=phones, titles={"en": "Snail cream"}, min_order_quantity=2,
        lot_size=2, variants=[{"price_minor": 15000, "stock": 8, "sku": "CREAM-1"}],
    )  # fmt: skip
    return SimpleNamespace(
        cn=cn, kr=kr, phone=phone.variants.get(), cream=cream.variants.get(),
        phone_product=phone, cream_product=cream,
    )  # fmt: skip


@pytest.fixture
def es_buyer(make_user):
    return make_user("lucia@example.com", ship_to_country="ES", display_currency="EUR")


@pytest.fixture
def es_client(client, es_buyer):
    client.force_login(es_buyer)
    return client
