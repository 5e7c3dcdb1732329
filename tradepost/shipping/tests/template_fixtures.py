"""Fixtures of the template tests (two stores, a category, a listing) and valid template and
zone input that each test changes in what it is about."""

import pytest

from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.shipping.writes import TemplateInput, ZoneInput


@pytest.fixture
def store(db):
    return make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")


@pytest.fixture
def other_store(db):
    return make_seller_store(country="DE", currency="EUR", name="Aachen Werkzeug")


@pytest.fixture
def category(db):
    return make_category(path=["electronics", "phones"], names={"en": "Phones"})


@pytest.fixture
def listing(store, category):
    return make_product(store=store, category=category, titles={"en": "Pocket phone"})


def zone(**fields) -> ZoneInput:
    """Standard, DHL, flat 25.00 to the EU, 5–9 days; `fields` override."""
    values = {
        "groups": ["EU"], "service": "standard", "carrier": "dhl", "pricing": "flat",
        "first_minor": 2500, "transit_days_min": 5, "transit_days_max": 9,
    }  # fmt: skip
    return ZoneInput(**{**values, **fields})


def template_input(**fields) -> TemplateInput:
    values = {"name": "Standard", "ship_from_country": "CN", "zones": [zone()]}
    return TemplateInput(**{**values, **fields})


__all__ = ["category", "listing", "other_store", "store", "template_input", "zone"]
