"""robots.txt and the sitemap (index, categories, stores, products with language alternates)."""

import xml.etree.ElementTree as ET

import pytest

from tradepost.catalog.testing import make_product

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /*/cart/" in text and "Disallow: /api/" in text
    assert "Disallow: /*/p/" not in text


def test_sitemap_index_lists_every_section(client, product):
    root = _xml(client, "/sitemap.xml")

    locations = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
    assert locations == [
        "http://testserver/sitemap-categories-1.xml",
        "http://testserver/sitemap-stores-1.xml",
        "http://testserver/sitemap-products-1.xml",
    ]


def test_product_sitemap_has_one_url_per_translation_with_alternates(client, product):
    root = _xml(client, "/sitemap-products-1.xml")

    urls = root.findall("s:url", NS)
    locations = [u.find("s:loc", NS).text for u in urls]
    base = f"http://testserver/%s/p/{product.public_id}/%s/"
    assert locations == [base % ("en", "pocket-phone"), base % ("es", "tel%C3%A9fono-de-bolsillo")]
    languages = [link.get("hreflang") for link in urls[0].findall("x:link", NS)]
    assert languages == ["en", "es", "x-default"]


def test_product_sitemap_leaves_out_non_public_products(client, product, cn_store, phones):
    hidden = make_product(store=cn_store, category=phones, titles={"en": "Hid"}, status="hidden")

    text = client.get("/sitemap-products-1.xml").content.decode()

    assert product.public_id in text and hidden.public_id not in text


def test_category_and_store_sitemaps_cover_every_language(client, product):
    categories = _xml(client, "/sitemap-categories-1.xml")
    stores = _xml(client, "/sitemap-stores-1.xml")

    category_locs = {u.find("s:loc", NS).text for u in categories.findall("s:url", NS)}
    store_locs = {u.find("s:loc", NS).text for u in stores.findall("s:url", NS)}
    assert "http://testserver/ja/c/smartphones/" in category_locs
    assert len(category_locs) == 3 * 19
    assert f"http://testserver/zh-hans/s/{product.store.slug}/" in store_locs


def test_unknown_sitemap_section_or_page_is_404(client, product):
    assert client.get("/sitemap-products-9.xml").status_code == 404
    assert client.get("/sitemap-secrets-1.xml").status_code == 404
