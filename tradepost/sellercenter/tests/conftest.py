import pytest

from tradepost.catalog.testing import make_category, make_product
from tradepost.sellers.testing import *  # noqa: F403 - seller fixtures


@pytest.fixture
def category(db):
    return make_category(path=["fashion", "clothing", "t-shirts"], names={"de": "T-Shirts"})


@pytest.fixture
def seller(verified_seller):
    """A verified seller (store in EUR, listings written in German)."""
    return verified_seller


@pytest.fixture
def store(seller):
    return seller.store


@pytest.fixture
def other_store(seller_factory):
    return seller_factory("verified").store


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller.user)
    return client


@pytest.fixture
def product(store, category):
    """A draft of the seller's with two variants."""
    return make_product(
        store=store, category=category, titles={"de": "Hemd"}, status="draft",
        variants=[{"sku": "HEMD-S", "price_minor": 1500, "options": {"Size": "S"}},
                  {"sku": "HEMD-M", "price_minor": 1600, "options": {"Size": "M"}}],
    )  # fmt: skip


@pytest.fixture
def other_product(other_store, category):
    return make_product(
        store=other_store, category=category, titles={"en": "Other shirt"}, status="active",
        variants=[{"sku": "OTHER-1", "price_minor": 900, "stock": 7}],
    )  # fmt: skip


@pytest.fixture
def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()
