"""Cached public pages: never older than the change a buyer must see, never another visitor's."""

import re

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from tradepost.catalog import services as catalog_services
from tradepost.catalog.models import Product, PublicVersion
from tradepost.catalog.testing import make_product
from tradepost.sellers import services as seller_services
from tradepost.web.page_cache import CSRF_SLOT, NEXT_SLOT, QUERY_SLOT

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def teapot(cn_store, phones):
    return make_product(
        store=cn_store, category=phones, titles={"en": "Ceramic teapot"},
        variants=[{"price_minor": 4500, "sku": "TEA-1"}],
    )  # fmt: skip


def _product_url(product) -> str:
    return f"/en/p/{product.public_id}/ceramic-teapot/"


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_price_change_shows_on_the_next_view_of_the_cached_page(client, clock, teapot):
    assert "45.00" in _page(client, _product_url(teapot))  # CNY 45.00, now cached

    catalog_services.update_variant(
        store=teapot.store, variant=teapot.variants.get(), price_minor=3900, now=clock.now()
    )

    page = _page(client, _product_url(teapot))
    assert "39.00" in page and "45.00" not in page


def test_a_suspended_sellers_cached_pages_go_at_once(client, clock, teapot, cn_store):
    category_url, store_url = "/en/c/smartphones/", f"/en/s/{cn_store.slug}/"
    for url in (_product_url(teapot), category_url):
        assert "Ceramic teapot" in _page(client, url)

    seller_services.suspend_seller(
        seller=cn_store.seller, actor=None, reason="counterfeit reports", now=clock.now()
    )

    assert client.get(_product_url(teapot)).status_code == 404
    assert client.get(store_url).status_code == 404
    assert "Ceramic teapot" not in _page(client, category_url)


def test_a_version_moved_by_another_process_is_seen(client, teapot, cn_store):
    """The version lives in the database: a bump committed elsewhere (the worker, another web
    process) reaches this process without any message to it."""
    _page(client, "/en/c/smartphones/")
    # what another process's edit leaves behind: the new title and a raised product revision
    teapot.translations.filter(language="en").update(title="Porcelain teapot")
    Product.objects.filter(pk=teapot.pk).update(revision=F("revision") + 1)

    assert "Ceramic teapot" in _page(client, "/en/c/smartphones/")  # no bump: still cached
    PublicVersion.objects.filter(id=1).update(listings=10_000)
    assert "Porcelain teapot" in _page(client, "/en/c/smartphones/")


def test_each_visitor_gets_their_own_csrf_token_and_return_path(teapot):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = _page(alice, _product_url(teapot))
    cached = _page(bob, _product_url(teapot) + "?ref=mail")

    alice_token, bob_token = CSRF_FIELD.search(first)[1], CSRF_FIELD.search(cached)[1]
    assert alice_token != bob_token
    assert CSRF_SLOT not in cached and NEXT_SLOT not in cached
    assert f'name="next" value="{_product_url(teapot)}?ref=mail"' in cached
    # the token filled into the cached page is the one Bob's CSRF cookie accepts
    response = bob.post(
        reverse("set_currency"),
        {"currency": "JPY", "next": "/en/", "csrfmiddlewaretoken": bob_token},
    )
    assert response.status_code == 302


def test_a_signed_in_header_is_never_served_to_a_guest(client, buyer, teapot):
    member = Client()
    member.force_login(buyer)
    assert "My account" in _page(member, _product_url(teapot))

    for visitor in (client, member):
        visitor.cookies["tp_currency"], visitor.cookies["tp_ship_to"] = "EUR", "DE"
    assert "My account" in _page(member, _product_url(teapot))
    page = _page(client, _product_url(teapot))  # same language, currency and country
    assert "My account" not in page and "Log in" in page


def test_the_cached_header_shows_each_searchs_own_words(client, teapot):
    """The header is rendered once per language, currency, country and viewer, with the
    search box's text filled in per page — escaped like any other value."""
    _page(client, "/en/search/?q=teapot")
    page = _page(client, '/en/search/?q=tea"><b>pot')
    other = _page(client, "/en/")

    assert 'name="q" value="tea&quot;&gt;&lt;b&gt;pot"' in page and "<b>pot" not in page
    assert 'name="q" value=""' in other
    assert QUERY_SLOT not in page + other and CSRF_SLOT not in page + other


def test_the_cached_header_follows_the_viewer_and_the_preferences(client, buyer, teapot):
    _page(client, "/en/search/?q=teapot")  # the guest's header, cached
    member = Client()
    member.force_login(buyer)
    member.cookies["tp_currency"] = "JPY"

    page = _page(member, "/en/search/?q=kettle")

    assert "My account" in page and "Log in" not in page
    assert "Prices in JPY" in page and 'name="q" value="kettle"' in page
    guest = _page(client, "/en/search/?q=kettle")
    assert "My account" not in guest and "Prices in JPY" not in guest


def test_currency_and_language_have_pages_of_their_own(client, add_rates, teapot):
    add_rates(CNY="7.5", JPY="160")
    _page(client, _product_url(teapot))  # in EUR, cached
    client.cookies["tp_currency"] = "JPY"

    assert "¥960" in _page(client, _product_url(teapot))  # 45 CNY ÷ 7.5 × 160
    assert 'lang="ja"' in _page(client, f"/ja/p/{teapot.public_id}/ceramic-teapot/")


def test_a_flash_message_is_shown_to_its_visitor_only(client, buyer, teapot):
    other = Client()
    _page(other, "/en/")  # cached for guests
    client.post(
        "/en/accounts/login/", {"login": buyer.email, "password": "correct-horse-battery-staple"}
    )

    assert "Successfully signed in" in _page(client, "/en/")
    assert "Successfully signed in" not in _page(other, "/en/")
    assert "Successfully signed in" not in _page(client, "/en/")  # shown once


def test_cached_cards_follow_price_title_and_store_changes(client, clock, teapot, cn_store):
    """Listing pages reuse each card's data and HTML per product revision and store version."""
    url = "/en/c/smartphones/"
    assert "45.00" in _page(client, url)

    catalog_services.update_variant(
        store=cn_store, variant=teapot.variants.get(), price_minor=3900, now=clock.now()
    )
    catalog_services.set_product_translation(
        store=cn_store, product=teapot, language="en", title="Porcelain teapot", now=clock.now()
    )
    seller_services.update_store_profile(
        seller=cn_store.seller, name="Jingdezhen Kilns", languages_spoken=["en"], now=clock.now()
    )

    page = _page(client, url)
    assert "39.00" in page and "45.00" not in page
    assert "Porcelain teapot" in page and "Ceramic teapot" not in page
    assert "Jingdezhen Kilns" in page


def test_cached_card_prices_follow_the_display_currency(client, add_rates, teapot):
    add_rates(CNY="7.5", JPY="150")
    url = "/en/c/smartphones/"
    assert "CN¥45.00" in _page(client, url)

    client.cookies["tp_currency"] = "JPY"
    assert "¥900" in _page(client, url)  # 45 CNY = 6 EUR = 900 JPY
