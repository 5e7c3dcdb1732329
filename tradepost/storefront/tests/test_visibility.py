"""Only public listings appear: active, verified seller, category not prohibited."""

import pytest
from django.urls import reverse

from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.sellers.models import Seller

pytestmark = pytest.mark.django_db


def _product_url(product):
    slug = product.translations.get(language="en").slug
    return f"/en/p/{product.public_id}/{slug}/"


def _category_html(client, slug="smartphones"):
    return client.get(f"/en/c/{slug}/").content.decode()


def test_active_product_of_a_verified_seller_is_listed_and_shown(client, product):
    assert "Pocket phone" in _category_html(client)
    assert client.get(_product_url(product)).status_code == 200


@pytest.mark.parametrize("status", ["draft", "pending_review", "hidden", "removed"])
def test_non_active_product_is_not_listed_and_its_page_is_404(client, cn_store, phones, status):
    product = make_product(
        store=cn_store, category=phones, titles={"en": "Secret phone"}, status=status
    )

    assert "Secret phone" not in _category_html(client)
    assert client.get(_product_url(product)).status_code == 404


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_unverified_or_suspended_seller_hides_every_listing(client, phones, status):
    store = make_seller_store(status=status)
    product = make_product(store=store, category=phones, titles={"en": "Hidden phone"})

    assert "Hidden phone" not in _category_html(client)
    assert client.get(_product_url(product)).status_code == 404
    assert client.get(f"/en/s/{store.slug}/").status_code == 404


def test_suspending_a_seller_hides_the_listings_at_once(client, product):
    client.get(_product_url(product))  # page seen (and caches warmed) while verified

    Seller.objects.filter(store=product.store).update(status="suspended")

    assert client.get(_product_url(product)).status_code == 404
    assert "Pocket phone" not in _category_html(client)


def test_prohibited_category_and_its_children_are_hidden(client, cn_store):
    banned = make_category(path=["weapons"], prohibited=True)
    child = make_category(path=["weapons", "knives"])
    product = make_product(store=cn_store, category=child, titles={"en": "Knife"})

    assert client.get(f"/en/c/{banned.slug}/").status_code == 404
    assert client.get(f"/en/c/{child.slug}/").status_code == 404
    assert client.get(_product_url(product)).status_code == 404
    assert "Knife" not in client.get(reverse("storefront:home")).content.decode()


def test_home_lists_only_public_products(client, product, cn_store, phones):
    make_product(store=cn_store, category=phones, titles={"en": "Draft phone"}, status="draft")

    html = client.get("/en/").content.decode()

    assert "Pocket phone" in html
    assert "Draft phone" not in html
