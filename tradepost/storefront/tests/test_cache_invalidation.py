"""Cached public reads follow status changes at once: a suspended seller's listing leaves the home page."""

import pytest

from tradepost.catalog import services as catalog_services
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.sellers import services as seller_services

pytestmark = pytest.mark.django_db


def test_suspension_removes_the_listing_from_the_cached_home_page(
    client, clock, django_capture_on_commit_callbacks
):
    store = make_seller_store(country="DE", currency="EUR")
    make_product(store=store, category=make_category(), titles={"en": "Ceramic teapot"})
    assert "Ceramic teapot" in client.get("/en/").content.decode()  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        seller_services.suspend_seller(
            seller=store.seller, actor=None, reason="counterfeit reports", now=clock.now()
        )

    assert "Ceramic teapot" not in client.get("/en/").content.decode()


def test_hiding_removes_the_listing_from_the_cached_home_page(
    client, clock, django_capture_on_commit_callbacks
):
    store = make_seller_store(country="DE", currency="EUR")
    product = make_product(store=store, category=make_category(), titles={"en": "Ceramic teapot"})
    assert "Ceramic teapot" in client.get("/en/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.hide_product(store=store, product=product, now=clock.now())

    assert "Ceramic teapot" not in client.get("/en/").content.decode()
