"""Fixtures of the catalog write-side tests: stores of verified and unverified sellers,
categories (plain, restricted, prohibited), staff, and a draft listing built with the services."""

import datetime as dt

import pytest

from tradepost.catalog import services
from tradepost.catalog.models import Category
from tradepost.catalog.testing import make_category
from tradepost.sellers.models import Seller, SellerKind, Store
from tradepost.sellers.states import SellerStatus


@pytest.fixture
def make_store(make_user, clock):
    def make(
        email: str,
        *,
        status: str = SellerStatus.VERIFIED,
        currency: str = "USD",
        language: str = "en",
        country: str = "US",
    ) -> Store:
        user = make_user(email)
        seller = Seller.objects.create(
            user=user, kind=SellerKind.COMPANY, status=status, legal_name=email,
            country=country, created_at=clock.now(),
        )  # fmt: skip
        return Store.objects.create(
            seller=seller, name=email.split("@")[0], slug=email.split("@")[0],
            country=country, settlement_currency=currency, original_language=language,
            opened_on=dt.date(2024, 1, 1),
        )  # fmt: skip

    return make


@pytest.fixture
def store(make_store):
    return make_store("alpha@example.com")


@pytest.fixture
def other_store(make_store):
    return make_store("beta@example.com", currency="EUR", language="de", country="DE")


@pytest.fixture
def unverified_store(make_store):
    return make_store("gamma@example.com", status=SellerStatus.SUBMITTED)


@pytest.fixture
def staff(make_user):
    return make_user("moderator@example.com", is_staff=True)


def _category(slug: str, **flags) -> Category:
    return make_category(path=[slug], **flags)


@pytest.fixture
def category(db):
    return _category("t-shirts")


@pytest.fixture
def other_category(db):
    return _category("mugs")


@pytest.fixture
def restricted_category(db):
    return _category("supplements", restricted=True)


@pytest.fixture
def prohibited_category(db):
    return _category("weapons", prohibited=True)


@pytest.fixture
def make_product(clock):
    def make(store, category, *, title="Cotton T-shirt", variants=True, **kwargs):
        product = services.create_product(
            store=store, category=category,
            translations={"en": {"title": title, "description": "Soft cotton."}},
            now=clock.now(), **kwargs,
        )  # fmt: skip
        if variants:
            services.generate_variants(
                store=store, product=product, options={"Colour": ["Red", "Blue"]},
                price_minor=1500, stock=10, sku_prefix=title[:10], now=clock.now(),
            )  # fmt: skip
        product.refresh_from_db()
        return product

    return make


@pytest.fixture
def draft(make_product, store, category):
    return make_product(store, category)


@pytest.fixture
def active(draft, store, clock):
    return services.publish_product(store=store, product=draft, now=clock.now())
