"""Pages run the same number of queries with 1 product or 30 (each with variants and images),
cold caches included."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradepost.catalog.testing import make_image, make_product, make_variant

pytestmark = pytest.mark.django_db


def _rich_product(store, category, number):
    product = make_product(
        store=store,
        category=category,
        titles={"en": f"Phone {number}", "es": f"Teléfono {number}"},
        variants=[{"price_minor": 1000 + number, "tiers": [(10, 900), (50, 800)]}],
        order_count=number,
    )
    for position in range(3):
        variant = make_variant(
            product, price_minor=2000 + position, options={"Size": str(position)}
        )
        make_image(product, variant=variant, position=position)
    return product


def _queries(client, url) -> int:
    for cache in caches.all():  # cold: pages, category tree, rates and home lists are read again
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _counts(client, url_for, store, category, add_rates) -> tuple[int, int]:
    add_rates(CNY="7.5", JPY="160")
    client.cookies["tp_currency"] = "JPY"
    first = _rich_product(store, category, 0)
    one = _queries(client, url_for(first))
    for number in range(1, 30):
        _rich_product(store, category, number)
    return one, _queries(client, url_for(first))


@pytest.mark.parametrize(
    "url_for",
    [
        pytest.param(lambda p: "/en/", id="home"),
        pytest.param(lambda p: "/en/c/electronics/", id="category"),
        pytest.param(lambda p: "/en/c/smartphones/?sort=price_asc&min_price=1", id="filtered"),
        pytest.param(lambda p: f"/en/s/{p.store.slug}/", id="store"),
        pytest.param(lambda p: f"/en/p/{p.public_id}/phone-0/", id="product"),
        pytest.param(lambda p: f"/en/pv/{p.public_id}/?variant=", id="variant-panel"),
        pytest.param(lambda p: "/en/search/?q=phone&sort=price_asc", id="search"),
        pytest.param(lambda p: "/en/search/?q=phonne", id="search-fuzzy"),
        pytest.param(lambda p: "/api/v1/search?q=phone&currency=JPY", id="search-api"),
        pytest.param(lambda p: "/en/search/suggest/?q=pho", id="suggest"),
    ],
)
def test_query_count_does_not_grow_with_the_catalog(client, cn_store, phones, add_rates, url_for):
    one, thirty = _counts(client, url_for, cn_store, phones, add_rates)

    assert one == thirty


def test_product_page_query_budget(client, cn_store, phones, add_rates):
    product = _rich_product(cn_store, phones, 1)
    client.get("/en/")  # warms the category tree, store currencies and rates
    url = f"/en/p/{product.public_id}/phone-1/"

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as cached:
        response = client.get(url)

    # stamp (product, seller and catalog versions in one query), then product+store+seller,
    # translations, variants, tiers, images, whether a flash deal is on; the cached page needs
    # only the stamp
    assert len(first) == 7
    assert len(cached) == 1
    assert "Phone 1" in response.content.decode()


@pytest.mark.parametrize(
    "url_for",
    [
        pytest.param(lambda store: "/en/", id="home"),
        pytest.param(lambda store: "/en/c/electronics/", id="category"),
        pytest.param(lambda store: "/en/c/smartphones/?sort=price_asc", id="sorted"),
        pytest.param(lambda store: f"/en/s/{store.slug}/", id="store"),
    ],
)
def test_cached_listing_pages_read_only_the_catalog_version(
    client, cn_store, phones, url_for, django_assert_num_queries
):
    _rich_product(cn_store, phones, 1)
    url = url_for(cn_store)
    client.get(url)

    with django_assert_num_queries(1):
        response = client.get(url)

    assert response.status_code == 200
    assert "Phone 1" in response.content.decode()
