"""The search results page and the header's suggestions, as a buyer sees them."""

import re

import pytest

from tradepost.catalog.testing import make_category, make_product, make_seller_store

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return re.findall(r'<span class="product-card-title"[^>]*>(.*?)</span>', html)


@pytest.fixture
def shop(phones, add_rates):
    add_rates(CNY="7.5", JPY="160")
    cny = make_seller_store(country="CN", currency="CNY", name="China Shop")
    eur = make_seller_store(country="DE", currency="EUR", name="Berlin Shop")
    cases = make_category(["electronics", "phones", "cases"], names={"en": "Phone cases"})
    make_product(
        store=cny,
        category=phones,
        titles={"en": "Budget phone"},
        brand="Xiaomi",
        variants=[{"price_minor": 7500}],
    )  # 10 EUR
    make_product(
        store=eur,
        category=phones,
        titles={"en": "Premium phone"},
        brand="Fairphone",
        variants=[{"price_minor": 45000}],
    )
    make_product(
        store=eur,
        category=cases,
        titles={"en": "Leather phone case"},
        variants=[{"price_minor": 1500}],
    )
    return {"cny": cny, "eur": eur}  # fmt: skip


def test_results_with_facet_counts_and_filter_chips(client, shop):
    html = client.get("/en/search/", {"q": "phone"}).content.decode()

    assert sorted(_titles(html)) == ["Budget phone", "Leather phone case", "Premium phone"]
    assert "3 products" in html
    assert re.search(r">Xiaomi</a> <span class=\"muted\">\(1\)", html)
    assert re.search(r">Electronics</a> <span class=\"muted\">\(3\)", html)

    filtered = client.get("/en/search/", {"q": "phone", "brand": "Fairphone"}).content.decode()
    assert _titles(filtered) == ["Premium phone"]
    assert 'aria-label="Filters in use"' in filtered
    assert 'href="?q=phone"' in filtered  # the chip's link removes the brand filter


def test_price_buckets_and_range_are_in_the_display_currency(client, shop):
    client.cookies["tp_currency"] = "JPY"
    html = client.get("/en/search/", {"q": "phone"}).content.decode()

    assert "¥1,600" in html or "¥1,000" in html  # bucket labels are round yen amounts
    cheap = client.get("/en/search/", {"q": "phone", "max_price": "2000"}).content.decode()
    assert _titles(cheap) == ["Budget phone"]  # 10 EUR = 1,600 JPY


def test_a_misspelling_offers_did_you_mean(client, shop):
    html = client.get("/en/search/", {"q": "premum phone"}).content.decode()

    assert _titles(html) == ["Premium phone"]
    assert 'data-testid="did-you-mean"' in html
    assert "premium phone</a>" in html


def test_nothing_found_says_so(client, shop):
    html = client.get("/en/search/", {"q": "refrigerator"}).content.decode()

    assert _titles(html) == []
    assert 'data-testid="no-results"' in html


def test_sorting_by_price_and_category_filter(client, shop):
    html = client.get("/en/search/", {"q": "phone", "sort": "price_desc"}).content.decode()
    assert _titles(html) == ["Premium phone", "Leather phone case", "Budget phone"]

    cases = client.get("/en/search/", {"q": "phone", "category": "cases"}).content.decode()
    assert _titles(cases) == ["Leather phone case"]


def test_non_public_listings_never_appear(client, shop, phones):
    make_product(store=shop["eur"], category=phones, titles={"en": "Draft phone"}, status="draft")
    suspended = make_seller_store(status="suspended")
    make_product(store=suspended, category=phones, titles={"en": "Suspended phone"})

    html = client.get("/en/search/", {"q": "phone"}).content.decode()

    assert "Draft phone" not in html and "Suspended phone" not in html


def test_suggestions_complete_the_last_word(client, shop):
    html = client.get("/en/search/suggest/", {"q": "leather ph"}).content.decode()

    assert 'role="listbox"' in html
    # words of titles and category names of the listings that match "leather"
    assert set(re.findall(r'role="option"[^>]*><a href="([^"]+)">([^<]+)<', html)) == {
        ("/en/search/?q=leather%20phone", "leather phone"),
        ("/en/search/?q=leather%20phones", "leather phones"),
    }
    assert "hidden" in client.get("/en/search/suggest/", {"q": "x"}).content.decode()


def test_the_header_search_box_asks_for_suggestions(client, shop):
    html = client.get("/en/").content.decode()

    assert 'hx-get="/en/search/suggest/"' in html
    assert 'aria-controls="search-suggestions"' in html
