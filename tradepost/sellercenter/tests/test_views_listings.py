"""The listing table: the seller's own listings, search, status filter, paging and bulk actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradepost.catalog.models import Product, ProductEvent
from tradepost.catalog.testing import make_image, make_product

pytestmark = pytest.mark.django_db

LIST = "/en/seller/products/"
BULK = "/en/seller/products/bulk/"


def _rows(response) -> list[str]:
    return [row.product.public_id for row in response.context["rows"]]


def test_shows_only_the_sellers_own_listings(seller_client, product, other_product):
    response = seller_client.get(LIST)

    assert response.status_code == 200
    assert _rows(response) == [product.public_id]
    assert "Other shirt" not in response.content.decode()


def test_searches_by_title_and_by_sku(seller_client, store, category, product):
    make_product(store=store, category=category, titles={"en": "Mug"},
                 variants=[{"sku": "MUG-1"}])  # fmt: skip

    by_title = seller_client.get(LIST, {"q": "hemd"})
    by_sku = seller_client.get(LIST, {"q": "mug-1"})

    assert _rows(by_title) == [product.public_id]
    assert len(_rows(by_sku)) == 1 and _rows(by_sku) != [product.public_id]


def test_filters_by_status_and_hides_removed_listings_by_default(
    seller_client, store, category, product
):
    active = make_product(store=store, category=category, status="active")
    removed = make_product(store=store, category=category, status="removed")

    assert _rows(seller_client.get(LIST, {"status": "active"})) == [active.public_id]
    assert removed.public_id not in _rows(seller_client.get(LIST))
    assert _rows(seller_client.get(LIST, {"status": "removed"})) == [removed.public_id]


def test_pages_through_many_listings(seller_client, store, category):
    for _ in range(27):
        make_product(store=store, category=category)

    first, second = seller_client.get(LIST), seller_client.get(LIST, {"page": 2})

    assert (len(_rows(first)), len(_rows(second))) == (25, 2)


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_listings(seller_client, store, category):
    # given one listing, and the category tree already cached by a first visit
    product = make_product(store=store, category=category, variants=[{}, {}])
    make_image(product)
    seller_client.get(LIST)
    one = _count_queries(seller_client)

    # when there are twenty, each with variants and pictures
    for _ in range(19):
        make_image(make_product(store=store, category=category, variants=[{}, {}, {}]))
    seller_client.get(LIST)  # new listings moved the catalog version: the tree is read again
    twenty = _count_queries(seller_client)

    # then the page needs the same number of queries
    assert one == twenty


def test_bulk_hide_and_unhide(seller_client, store, category, clock):
    products = [make_product(store=store, category=category, status="active") for _ in range(2)]
    ids = [p.public_id for p in products]

    response = seller_client.post(BULK, {"action": "hide", "products": ids})

    assert response.status_code == 302
    assert set(Product.objects.filter(public_id__in=ids).values_list("status", flat=True)) == {
        "hidden"
    }
    seller_client.post(BULK, {"action": "unhide", "products": ids})
    assert set(Product.objects.filter(public_id__in=ids).values_list("status", flat=True)) == {
        "active"
    }
    assert ProductEvent.objects.filter(product__in=products).count() == 4


def test_bulk_publish_and_remove(seller_client, product, clock):
    seller_client.post(BULK, {"action": "publish", "products": [product.public_id]})
    product.refresh_from_db()
    assert product.status == "active"

    seller_client.post(BULK, {"action": "remove", "products": [product.public_id]})
    product.refresh_from_db()
    assert product.status == "removed"


def test_bulk_action_that_fails_for_one_listing_changes_none(seller_client, store, category, clock):
    active = make_product(store=store, category=category, status="active")
    draft = make_product(store=store, category=category, status="draft")

    response = seller_client.post(
        BULK, {"action": "hide", "products": [active.public_id, draft.public_id]}, follow=True
    )

    assert "cannot go from" in response.content.decode()
    active.refresh_from_db()
    assert active.status == "active"


def test_bulk_action_with_another_sellers_listing_is_404_and_changes_nothing(
    seller_client, store, category, other_product, clock
):
    mine = make_product(store=store, category=category, status="active")

    response = seller_client.post(
        BULK, {"action": "hide", "products": [mine.public_id, other_product.public_id]}
    )

    assert response.status_code == 404
    mine.refresh_from_db()
    other_product.refresh_from_db()
    assert (mine.status, other_product.status) == ("active", "active")


def test_unverified_seller_cannot_publish_from_the_table(client, seller_factory, category, clock):
    submitted = seller_factory("submitted")
    draft = make_product(store=submitted.store, category=category, status="draft")
    client.force_login(submitted.user)

    response = client.post(BULK, {"action": "publish", "products": [draft.public_id]}, follow=True)

    assert "Only verified sellers can publish listings." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_user_without_a_seller_application_is_sent_to_onboarding(client, buyer):
    client.force_login(buyer)

    response = client.get(LIST)

    assert response["Location"] == "/en/seller/onboarding/type/"
