"""The store's logo and banner on the public pages: the store page, the product page's seller card
and the public store API — with no more queries than a store without pictures."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradepost.catalog.testing import make_product

pytestmark = pytest.mark.django_db

LOGO, BANNER = "stores/logos/shenzhen.webp", "stores/banners/shenzhen.webp"


@pytest.fixture
def teapot(cn_store, phones):
    return make_product(store=cn_store, category=phones, titles={"en": "Ceramic teapot"})


def _with_pictures(store):
    store.logo, store.banner = LOGO, BANNER
    store.save(update_fields=["logo", "banner"])
    return store


def _queries(client, url) -> tuple[int, str]:
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_store_page_shows_banner_and_logo_with_their_size(client, cn_store, teapot):
    without, plain = _queries(client, f"/en/s/{cn_store.slug}/")
    _with_pictures(cn_store)

    count, page = _queries(client, f"/en/s/{cn_store.slug}/")

    assert 'class="store-banner"' not in plain and 'class="store-logo"' not in plain
    assert (
        f'<img class="store-banner" src="/media/{BANNER}" alt="Banner of Shenzhen Gadgets" '
        'width="1600" height="400"'
    ) in page
    assert (
        f'<img class="store-logo" src="/media/{LOGO}" alt="Shenzhen Gadgets" width="96" height="96"'
    ) in page
    assert count == without


def test_product_page_seller_card_shows_the_logo(client, cn_store, teapot):
    url = f"/en/p/{teapot.public_id}/ceramic-teapot/"
    without, plain = _queries(client, url)
    _with_pictures(cn_store)

    count, page = _queries(client, url)

    assert 'data-testid="seller-logo"' not in plain
    assert (
        f'<img class="store-logo" src="/media/{LOGO}" alt="Shenzhen Gadgets" width="48" '
        'height="48" loading="lazy"'
    ) in page
    assert count == without


def test_public_store_api_gives_the_picture_urls(client, cn_store):
    _with_pictures(cn_store)

    body = client.get(f"/api/v1/stores/{cn_store.slug}").json()

    assert (body["logo_url"], body["banner_url"]) == (f"/media/{LOGO}", f"/media/{BANNER}")
