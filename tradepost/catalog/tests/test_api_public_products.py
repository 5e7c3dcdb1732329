"""Public catalog API: categories, product list (cursor, filters, currency) and product detail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradepost.api.testing import error_of
from tradepost.catalog import testing as f
from tradepost.catalog import versions
from tradepost.money.models import ExchangeRate

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products"
CATEGORIES = "/api/v1/categories"
CARD_KEYS = {"public_id", "title", "slug", "language", "price", "original_price", "image",
             "store", "order_count"}  # fmt: skip
DETAIL_KEYS = {"public_id", "title", "description", "slug", "language", "languages", "brand",
               "attributes", "origin_country", "category", "min_order_quantity", "lot_size",
               "order_count", "price", "original_price", "option_names", "variants", "images",
               "store"}  # fmt: skip
VARIANT_KEYS = {"public_id", "options", "price", "original_price", "in_stock", "tiers"}
IMAGE_KEYS = {"public_id", "src", "srcset", "thumbnails", "width", "height", "alt", "variant"}
STORE_KEYS = {"slug", "name", "country", "opened_on", "languages_spoken"}
PRIVATE = {"id", "stock", "sku", "status", "cost", "payout", "payout_iban", "min_price_minor",
           "price_minor", "is_active", "variant_id", "store_id", "seller", "legal_name",
           "hs_code", "thumbnails_paths", "position", "created_at"}  # fmt: skip
T0 = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)


def _rates(**quotes: str) -> None:
    """ECB rows: 1 EUR = `rate` units of each quote."""
    for quote, rate in quotes.items():
        ExchangeRate.objects.create(
            quote=quote, rate=Decimal(rate), rate_date=dt.date(2026, 11, 24),
            imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
        )  # fmt: skip


@pytest.fixture
def phones(db):
    return f.make_category(
        path=["electronics", "phones", "smartphones"], names={"en": "Smartphones", "ja": "スマホ"}
    )


@pytest.fixture
def cn_store(db):
    return f.make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")


@pytest.fixture
def phone(cn_store, phones):
    return f.make_product(
        store=cn_store, category=phones, titles={"en": "Pocket phone", "es": "Teléfono"},
        descriptions={"en": "Small."}, created_at=T0,
        variants=[{"price_minor": 6800, "stock": 5, "options": {"Colour": "Red"},
                   "tiers": [(10, 6000)]},
                  {"price_minor": 7200, "stock": 0, "options": {"Colour": "Blue"}}],
    )  # fmt: skip


def _products(client, **params):
    response = client.get(PRODUCTS, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_category_tree_is_named_in_the_language_asked(client, phones):
    body = client.get(CATEGORIES, {"lang": "ja"}).json()

    electronics = body[0]
    smartphones = electronics["children"][0]["children"][0]
    assert (electronics["slug"], electronics["name"]) == ("electronics", "Electronics")
    assert (smartphones["slug"], smartphones["name"], smartphones["depth"]) == (
        "smartphones", "スマホ", 2,
    )  # fmt: skip
    assert set(smartphones) == {"slug", "name", "depth", "children"}


def test_prohibited_categories_are_not_listed(client, phones):
    f.make_category(path=["weapons"], prohibited=True)

    slugs = [c["slug"] for c in client.get(CATEGORIES).json()]

    assert slugs == ["electronics"]


def test_unknown_language_is_422(client):
    response = client.get(CATEGORIES, {"lang": "xx"})

    assert (response.status_code, error_of(response)["fields"].keys()) == (422, {"lang"})


def test_list_converts_prices_into_the_currency_asked(client, phone):
    _rates(CNY="8", JPY="160", USD="1")

    jpy = _products(client, currency="JPY")["items"][0]
    usd = _products(client, currency="USD")["items"][0]

    # 68.00 CNY × (160 / 8) = 1360 JPY; 68.00 CNY × (1 / 8) = 8.50 USD
    assert jpy["price"] == {"minor": 1360, "currency": "JPY"}
    assert usd["price"] == {"minor": 850, "currency": "USD"}
    assert jpy["original_price"] == {"minor": 6800, "currency": "CNY"}


def test_list_card_content(client, phone):
    f.make_image(phone, alt_text="Front")

    body = _products(client, currency="CNY", lang="es")

    card = body["items"][0]
    assert set(card) == CARD_KEYS
    assert (card["public_id"], card["title"], card["language"]) == (
        phone.public_id, "Teléfono", "es",
    )  # fmt: skip
    assert card["store"] == {"slug": phone.store.slug, "name": "Shenzhen Gadgets", "country": "CN"}
    assert card["image"]["alt"] == "Front" and "160w" in card["image"]["srcset"]
    assert set(card["image"]) == IMAGE_KEYS - {"thumbnails", "variant"}
    assert body["next_cursor"] is None


def test_title_falls_back_to_original_then_english(client, cn_store, phones):
    f.make_product(store=cn_store, category=phones, titles={"de": "Handy", "en": "Phone"},
                   original_language="de")  # fmt: skip

    assert _products(client, lang="ko")["items"][0]["title"] == "Handy"
    assert _products(client, lang="en")["items"][0]["title"] == "Phone"


def test_price_without_a_rate_stays_in_the_store_currency(client, phone):
    card = _products(client, currency="JPY")["items"][0]

    assert card["price"] == card["original_price"] == {"minor": 6800, "currency": "CNY"}


def test_unknown_currency_is_422(client, phone):
    response = client.get(PRODUCTS, {"currency": "ABC"})

    assert (response.status_code, error_of(response)["code"]) == (422, "unknown_currency")


def test_only_public_products_are_listed(client, cn_store, phones, phone):
    for status in ("draft", "pending_review", "hidden", "removed"):
        f.make_product(store=cn_store, category=phones, status=status)
    suspended = f.make_seller_store(status="suspended")
    f.make_product(store=suspended, category=phones)

    ids = [c["public_id"] for c in _products(client)["items"]]

    assert ids == [phone.public_id]


def _walk(client, **params) -> list[str]:
    seen, cursor = [], None
    for _ in range(20):
        body = _products(client, **params, **({"cursor": cursor} if cursor else {}))
        seen += [c["public_id"] for c in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("pagination did not end")


@pytest.fixture
def shelf(cn_store, phones):
    """7 products: 5 created at the same moment (ties on created_at), prices 10..70 CNY."""
    eu = f.make_seller_store(country="DE", currency="EUR")
    made = []
    for i in range(7):
        store = eu if i == 3 else cn_store
        created = T0 if i < 5 else T0 + dt.timedelta(hours=i)
        price = 1000 * (i + 1) if store is cn_store else 100  # 1.00 EUR = 8.00 CNY
        made.append(f.make_product(store=store, category=phones, created_at=created,
                                   variants=[{"price_minor": price}]))  # fmt: skip
    return made


def test_cursor_pages_have_no_duplicates_or_gaps(client, shelf):
    newest = _walk(client, limit=2)

    expected = sorted(shelf, key=lambda p: (p.created_at, p.public_id), reverse=True)
    assert newest == [p.public_id for p in expected]


def test_price_sort_pages_in_the_display_currency(client, shelf):
    _rates(CNY="8", USD="1")

    ascending = _walk(client, sort="price_asc", currency="USD", limit=3)
    descending = _walk(client, sort="price_desc", currency="USD", limit=3)

    # In USD cents: CNY products 125, 250, 375, 625, 750, 875 (x.00 CNY / 8); EUR one 100.
    order = [shelf[i].public_id for i in (3, 0, 1, 2, 4, 5, 6)]
    assert ascending == order
    assert descending == order[::-1]


def test_equal_prices_page_without_duplicates_or_gaps(client, cn_store, phones):
    same = [f.make_product(store=cn_store, category=phones, variants=[{"price_minor": 500}])
            for _ in range(5)]  # fmt: skip

    walked = _walk(client, sort="price_desc", currency="CNY", limit=2)

    assert walked == sorted((p.public_id for p in same), reverse=True)


def test_products_without_a_rate_come_last_in_price_order(client, shelf):
    _rates(USD="1.25")  # no CNY rate: only the EUR product has a price in USD

    ascending = _walk(client, sort="price_asc", currency="USD", limit=2)

    assert ascending[0] == shelf[3].public_id
    assert sorted(ascending) == sorted(p.public_id for p in shelf)


def test_cursor_of_another_sort_is_refused(client, shelf):
    cursor = _products(client, limit=2)["next_cursor"]

    for params in ({"sort": "price_asc", "currency": "CNY"}, {}):
        response = client.get(PRODUCTS, {"cursor": cursor[:-3] + "!!!", **params})
        assert (response.status_code, set(error_of(response)["fields"])) == (422, {"cursor"})
    response = client.get(PRODUCTS, {"cursor": cursor, "sort": "price_asc", "currency": "CNY"})
    assert response.status_code == 422


def test_limit_is_capped_at_100(client):
    response = client.get(PRODUCTS, {"limit": 101})

    assert (response.status_code, error_of(response)["code"]) == (422, "invalid_input")


def test_filters(client, shelf, phones):
    _rates(CNY="8")
    mugs = f.make_category(path=["home", "mugs"])
    other = f.make_product(store=shelf[0].store, category=mugs)
    eu_store = shelf[3].store

    def ids(**params):
        return set(_walk(client, limit=100, **params))

    assert ids(category="electronics") == {p.public_id for p in shelf}
    assert ids(category="home") == {other.public_id}
    assert ids(store=eu_store.slug) == {shelf[3].public_id}
    assert ids(ship_from_country="de") == {shelf[3].public_id}
    # In CNY: 10.00 … 70.00, the EUR one 8.00 (1.00 EUR × 8)
    assert ids(currency="CNY", min_price_minor=2000, max_price_minor=3000) == {
        shelf[1].public_id, shelf[2].public_id,
    }  # fmt: skip
    assert ids(currency="CNY", max_price_minor=800) == {shelf[3].public_id}


def test_unknown_category_is_404(client):
    response = client.get(PRODUCTS, {"category": "nope"})

    assert (response.status_code, error_of(response)["code"]) == (404, "category_not_found")


def test_detail(client, phone):
    _rates(CNY="8", JPY="160")
    red = phone.variants.get(options={"Colour": "Red"})
    f.make_image(phone, variant=red, alt_text="Red one")

    response = client.get(f"{PRODUCTS}/{phone.public_id}", {"currency": "JPY", "lang": "es"})

    body = response.json()
    assert set(body) == DETAIL_KEYS
    assert (body["title"], body["language"], body["languages"]) == ("Teléfono", "es", ["en", "es"])
    assert body["category"] == {"slug": "smartphones", "name": "Smartphones",
                                "path": ["electronics", "phones", "smartphones"]}  # fmt: skip
    assert body["price"] == {"minor": 1360, "currency": "JPY"}
    first, second = body["variants"]
    assert set(first) == VARIANT_KEYS
    assert (first["options"], first["in_stock"], second["in_stock"]) == (
        {"Colour": "Red"},
        True,
        False,
    )
    assert first["tiers"] == [{"min_quantity": 10, "unit_price": {"minor": 1200, "currency": "JPY"},
                               "original_unit_price": {"minor": 6000, "currency": "CNY"}}]  # fmt: skip
    assert second["price"] == {"minor": 1440, "currency": "JPY"}
    image = body["images"][0]
    assert set(image) == IMAGE_KEYS
    assert (image["variant"], image["alt"]) == (red.public_id, "Red one")
    assert set(image["thumbnails"]) == {"160", "320", "640"}
    assert set(body["store"]) == STORE_KEYS


def test_detail_gives_the_option_names_in_the_order_the_seller_gave(client, cn_store, phones):
    shirt = f.make_product(store=cn_store, category=phones, variants=[
        {"options": {"Size": "M", "Colour": "Blue"}},
        {"options": {"Size": "L", "Colour": "Red"}},
        {"options": {"Size": "XL", "Fit": "Slim"}, "is_active": False},
    ])  # fmt: skip

    body = client.get(f"{PRODUCTS}/{shirt.public_id}").json()

    assert body["option_names"] == ["Size", "Colour"]  # "Fit" is only on a variant not for sale
    assert [v["options"] for v in body["variants"]] == [
        {"Size": "M", "Colour": "Blue"}, {"Size": "L", "Colour": "Red"},
    ]  # fmt: skip


def _all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _all_keys(v)}
    return set()


def test_public_output_never_shows_private_fields(client, phone):
    _rates(CNY="8")
    detail = client.get(f"{PRODUCTS}/{phone.public_id}").json()
    listing = _products(client)

    for body in (detail, listing):
        assert not _all_keys(body) & PRIVATE
        assert "SKU-" not in str(body)  # seller SKU codes stay private


@pytest.mark.parametrize("status", ["draft", "pending_review", "hidden", "removed"])
def test_non_public_product_is_404(client, cn_store, phones, status):
    product = f.make_product(store=cn_store, category=phones, status=status)

    response = client.get(f"{PRODUCTS}/{product.public_id}")

    assert (response.status_code, error_of(response)["code"]) == (404, "product_not_found")


def test_product_of_suspended_seller_is_404(client, phones):
    store = f.make_seller_store(status="suspended")
    product = f.make_product(store=store, category=phones)

    response = client.get(f"{PRODUCTS}/{product.public_id}")

    assert (response.status_code, error_of(response)["code"]) == (404, "product_not_found")


def _count(client, path, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    "params", [{}, {"sort": "price_asc", "currency": "JPY"}, {"category": "phones"}]
)
def test_list_query_count_is_constant(client, cn_store, phones, params):
    _rates(CNY="8", JPY="160")
    f.make_product(store=cn_store, category=phones, images=2)
    client.get(PRODUCTS, params)  # warm the caches (category tree, rates)
    one = _count(client, PRODUCTS, **params)

    for _ in range(19):
        f.make_product(store=cn_store, category=phones, images=2,
                       variants=[{"price_minor": 500}, {"price_minor": 700}])  # fmt: skip
    client.get(PRODUCTS, params)  # new listings moved the catalog version: warm again
    twenty = _count(client, PRODUCTS, limit=50, **params)

    # catalog version, the page, its translations and first images
    assert one == twenty <= 4


def test_category_query_count_is_constant(client, phones):
    cold_one = _count(client, CATEGORIES)
    for i in range(19):
        f.make_category(path=["electronics", f"sub-{i}"], names={"ja": f"サブ{i}"})
    versions.bump(shared=True)  # as the category admin does: the next read rebuilds the tree

    assert _count(client, CATEGORIES) == cold_one <= 3  # version, categories, names


def test_detail_query_count_does_not_grow_with_variants_and_images(client, cn_store, phones):
    small = f.make_product(store=cn_store, category=phones, images=1)
    big = f.make_product(
        store=cn_store, category=phones, images=12,
        variants=[{"price_minor": 100 + i, "tiers": [(5, 50)]} for i in range(20)],
    )  # fmt: skip
    client.get(f"{PRODUCTS}/{small.public_id}")  # warm the category tree

    assert _count(client, f"{PRODUCTS}/{small.public_id}") == _count(
        client, f"{PRODUCTS}/{big.public_id}"
    )
