"""GET /api/v1/search answers exactly in the documented shape (search.schemas.SearchOut), which
the endpoint builds as plain data rather than through the schema."""

import json

import pytest

from tradepost.catalog.testing import make_product
from tradepost.search.schemas import SearchOut

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(cn_store, de_store, audio, kitchen, rates):
    make_product(
        store=cn_store, category=audio, titles={"en": "Wireless headphones"}, images=1,
        variants=[{"price_minor": 8000}], order_count=3,
    )  # fmt: skip
    make_product(
        store=de_store, category=audio, titles={"de": "Kopfhörer", "en": "Studio headphones"},
        variants=[{"price_minor": 4999}],
    )  # fmt: skip
    make_product(store=cn_store, category=kitchen, titles={"en": "Headphones stand"})


def _schema_dump(body: dict) -> dict:
    return SearchOut.model_validate(body).model_dump(mode="json")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "headphones", "currency": "JPY"},
        {"q": "headphones", "currency": "EUR", "lang": "de", "category": "audio"},
        {"q": "headphones", "currency": "USD", "ship_from_country": "cn", "limit": 1, "page": 2},
        {"q": "hedphones", "currency": "EUR", "min_price_minor": 500},
        {"q": "nothing-like-it", "currency": "EUR"},
        {"currency": "THB", "sort": "price_asc"},
    ],
)
def test_the_answer_is_the_schema_exactly(client, listed, params):
    response = client.get("/api/v1/search", params)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body == _schema_dump(body)
    # the same keys in the same order as the schema writes them, at every level
    assert json.dumps(body) == json.dumps(_schema_dump(body))


def test_cards_prices_and_facets(client, listed):
    body = client.get("/api/v1/search", {"q": "headphones", "currency": "JPY"}).json()

    assert body["total"] == 3
    assert body["currency"] == "JPY"
    wireless = next(item for item in body["items"] if item["title"] == "Wireless headphones")
    assert wireless["original_price"] == {"minor": 8000, "currency": "CNY"}
    assert wireless["price"] == {"minor": 1600, "currency": "JPY"}  # 80 CNY = 10 EUR = 1600 JPY
    assert wireless["order_count"] == 3
    assert wireless["image"]["src"] and wireless["image"]["width"]
    assert wireless["store"]["country"] == "CN"
    facets = body["facets"]
    assert {c["code"]: c["count"] for c in facets["countries"]} == {"CN": 2, "DE": 1}
    assert {c["slug"]: c["count"] for c in facets["categories"]}["audio"] == 2
    assert sorted(s["count"] for s in facets["stores"]) == [1, 2]
    assert sum(bucket["count"] for bucket in facets["prices"]) == 3
