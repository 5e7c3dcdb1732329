"""Facet counts agree with the database for the same filters."""

from collections import Counter

import pytest

from tradepost.catalog.models import Product
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.search import prices
from tradepost.search.selectors import SearchParams, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(rates, audio, kitchen):
    stores = [
        make_seller_store(country="CN", currency="CNY"),
        make_seller_store(country="DE", currency="EUR"),
        make_seller_store(country="US", currency="USD"),
    ]
    speakers = make_category(["electronics", "audio", "speakers"])
    categories = [audio, kitchen, speakers]
    brands = ["Anker", "Bosch", ""]
    for n in range(30):
        make_product(
            store=stores[n % 3],
            category=categories[n % 4 % 3],
            titles={"en": f"Wireless thing {n}" if n % 2 else f"Thing {n}"},
            brand=brands[n % 5 % 3],
            variants=[{"price_minor": 500 + n * 700}],
        )
    make_product(store=stores[0], category=audio, titles={"en": "Wireless hidden"}, status="hidden")
    make_product(
        store=make_seller_store(status="suspended"),
        category=audio,
        titles={"en": "Wireless suspended"},
    )
    return stores


def _public():
    return Product.objects.filter(status="active", store__seller__status="verified")


def _matching(text: str):
    """The public listings a search for `text` should find (every one, for no text)."""
    rows = _public()
    return rows.filter(translations__title__icontains=text) if text else rows


@pytest.mark.parametrize("text", ["", "wireless"])
def test_facet_counts_equal_database_counts(catalogue, audio, text):
    result = search(SearchParams(text=text))
    rows = _matching(text)

    assert result.total == rows.count()
    assert result.facets.country == dict(Counter(str(p.store.country) for p in rows))
    assert result.facets.brand == dict(Counter(p.brand for p in rows if p.brand))
    assert result.facets.store == dict(Counter(p.store_id for p in rows))
    audio_tree = rows.filter(category__parent__slug="audio").count()
    assert result.facets.category[audio.parent_id] == audio_tree
    assert result.facets.category[audio.id] == rows.filter(category=audio).count()


@pytest.mark.parametrize("text", ["", "wireless"])
def test_each_category_counts_the_listings_of_its_whole_subtree(catalogue, audio, text):
    """The index counts each listing under its own category; the search sums up the tree."""
    result = search(SearchParams(text=text))
    rows = _matching(text)
    expected = Counter()
    for product in rows.select_related("category__parent__parent"):
        node = product.category
        while node is not None:
            expected[node.id] += 1
            node = node.parent

    assert result.facets.category == dict(expected)
    assert len(expected) >= 4  # electronics, audio, speakers and kitchen all counted
    # most matches first; a parent with as many as its child before it (the older, lower id)
    assert list(result.facets.category) == sorted(expected, key=lambda pk: (-expected[pk], pk))


def test_the_store_facet_is_left_out_when_not_wanted(catalogue):
    counted = search(SearchParams(text="wireless"))
    without = search(SearchParams(text="wireless", store_facet=False))

    assert counted.facets.store and without.facets.store == {}
    assert without.facets.category == counted.facets.category
    assert without.facets.brand == counted.facets.brand
    assert without.total == counted.total


def test_facet_counts_follow_the_filters(catalogue, audio):
    de_store = catalogue[1]
    result = search(SearchParams(country="DE", brand="Anker"))
    rows = _public().filter(store__country="DE", brand="Anker")

    assert result.total == rows.count() > 0
    assert result.facets.store == {de_store.id: rows.count()}
    assert result.facets.country == {"DE": rows.count()}


def test_price_buckets_count_prices_converted_to_one_currency(catalogue):
    shown, edges = prices.bucket_edges("EUR")
    result = search(SearchParams(price_edges=edges))

    def eur_minor(product):
        rate = {"CNY": 8, "EUR": 1, "USD": 1.25}[product.store.settlement_currency]
        return product.min_price_minor / rate

    values = [eur_minor(p) for p in _public().select_related("store")]
    bounds = [float("-inf"), *edges, float("inf")]
    pairs = zip(bounds, bounds[1:], strict=False)
    expected = [sum(lo <= v < hi for v in values) for lo, hi in pairs]
    assert [bucket.count for bucket in result.facets.price] == expected
    assert [m.minor for m in shown] == [1000, 2500, 5000, 10000, 25000]


def test_counts_take_in_every_field_and_language_a_search_matches(rates, audio, kitchen):
    """A buyer reading Russian searches in Russian and English, titles and descriptions alike:
    the counts (found with a cheaper query than the ranking) cover exactly what is listed."""
    store = make_seller_store(country="DE", currency="EUR")
    english_title = make_product(store=store, category=audio, titles={"en": "Wireless earbuds"})
    description_only = make_product(
        store=store,
        category=kitchen,
        titles={"en": "Kettle"},
        descriptions={"en": "A wireless base"},
    )
    russian_title = make_product(store=store, category=audio, titles={"ru": "Наушники wireless"})
    make_product(store=store, category=audio, titles={"en": "Wired earbuds"})

    result = search(SearchParams(text="wireless", language="ru", per_page=10))

    found = {english_title.id, description_only.id, russian_title.id}
    assert set(result.ids) == found
    assert result.total == 3
    assert result.facets.country == {"DE": 3}
    assert result.facets.category[audio.id] == 2
    assert result.facets.category[kitchen.id] == 1
    assert sum(bucket.count for bucket in result.facets.price) in (0, 3)


def test_filtered_counts_match_the_filtered_results(rates, audio, kitchen):
    de_store = make_seller_store(country="DE", currency="EUR")
    cn_store = make_seller_store(country="CN", currency="CNY")
    for store in (de_store, cn_store):
        for category in (audio, kitchen):
            make_product(store=store, category=category, titles={"en": "Wireless thing"})

    result = search(SearchParams(text="wireless", country="CN", category_id=audio.id))

    assert result.total == len(result.ids) == 1
    assert result.facets.country == {"CN": 1}
    assert result.facets.category[audio.id] == 1
    assert kitchen.id not in result.facets.category
