"""Whatever a buyer (or a bot) types: results or an empty page, never a 5xx."""

import pytest

from tradepost.catalog.testing import make_product
from tradepost.search import selectors

pytestmark = pytest.mark.django_db

MALFORMED = [
    '"unbalanced quote',
    "((brackets]",
    "title:phone AND -price:[1 TO *]",
    "OR AND NOT",
    "*",
    "?~^2",
    "🎧🎧 headphones 🔥",
    "headphones " * 900,  # ~10,000 characters
    "x" * 10_000,
    "nul\x00byte\x01\x1f control",
    "\u202eright-to-left override",
    "%00%27;DROP TABLE--",
    "   ",
    "\\",
    "ﾍｯﾄﾞﾎﾝ",  # half-width katakana (NFKC-normalised)
]


@pytest.fixture
def listed(cn_store, audio, rates):
    return make_product(store=cn_store, category=audio, titles={"en": "Wireless headphones"})


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_queries_on_the_search_page_answer_200(client, listed, text):
    response = client.get("/en/search/", {"q": text})

    assert response.status_code == 200


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_queries_on_the_api_answer_200(client, listed, text):
    response = client.get("/api/v1/search", {"q": text})

    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


def test_a_long_query_still_finds_by_its_first_words(client, listed):
    body = client.get("/api/v1/search", {"q": "wireless " + "z" * 9000}).json()

    # cut to 200 characters: "wireless" and a 191-letter word, too long to be a term
    assert body["total"] == 1
    assert client.get("/api/v1/search", {"q": "wireless " + "zq" * 20}).json()["total"] == 0
    assert client.get("/api/v1/search", {"q": "wireless   headphones\t\n"}).json()["total"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 20_001}, "q"),
        ({"page": 51}, "page"),
        ({"page": 0}, "page"),
        ({"limit": 49}, "limit"),
        ({"sort": "price"}, "sort"),
        ({"min_price_minor": -1}, "min_price_minor"),
        ({"currency": "ZZZ"}, "currency"),
        ({"lang": "klingon"}, "lang"),
    ],
)
def test_bad_api_parameters_are_422_with_the_field(client, listed, params, field):
    response = client.get("/api/v1/search", params)

    assert response.status_code == 422
    assert response.json()["code"] in {"invalid_input", "unknown_currency"}
    assert field in response.json().get("fields", {field: None})


def test_an_unknown_category_or_store_is_404(client, listed):
    assert client.get("/api/v1/search", {"category": "nope"}).status_code == 404
    assert client.get("/api/v1/search", {"store": "nope"}).status_code == 404


def test_deep_pages_are_capped_and_a_page_past_the_end_shows_the_last(client, cn_store, audio):
    for n in range(3):
        make_product(store=cn_store, category=audio, titles={"en": f"Headphones {n}"})

    body = client.get("/api/v1/search", {"q": "headphones", "limit": 2, "page": 50}).json()

    assert (body["page"], body["pages"], len(body["items"])) == (2, 2, 1)
    assert selectors.MAX_PAGE == 50


def test_one_address_over_its_search_budget_gets_429_with_retry_after(client, listed, settings):
    settings.RATE_LIMIT_SEARCH = (3, 60)

    codes = [client.get("/en/search/", {"q": "headphones"}).status_code for _ in range(3)]
    page = client.get("/en/search/", {"q": "headphones"})
    api = client.get("/api/v1/search", {"q": "headphones"})
    other = client.get("/en/search/", {"q": "headphones"}, REMOTE_ADDR="203.0.113.9")

    assert codes == [200, 200, 200]
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert (api.status_code, api.json()["code"]) == (429, "rate_limited")
    assert other.status_code == 200  # another address has its own budget


def test_suggestions_have_their_own_larger_budget(client, listed, settings):
    settings.RATE_LIMIT_SUGGEST = (2, 60)

    codes = [client.get("/en/search/suggest/", {"q": "wire"}).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert client.get("/en/search/", {"q": "wireless"}).status_code == 200
