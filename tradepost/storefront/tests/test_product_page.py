"""Product page: fallback chain, canonical slug, hreflang, JSON-LD, converted prices, variants."""

import json
import re

import pytest

from tradepost.catalog.testing import make_image, make_product, make_variant
from tradepost.money.fx import convert
from tradepost.money.money import Money, format_money

pytestmark = pytest.mark.django_db


def _get(client, product, language="en", slug=None, **extra):
    slug = slug or product.translations.get(language="en").slug
    return client.get(f"/{language}/p/{product.public_id}/{slug}/", **extra)


def _follow_canonical(client, product, language):
    response = client.get(f"/{language}/p/{product.public_id}/")
    assert response.status_code == 301
    return client.get(response["Location"])


def _h1(html: str) -> str:
    return re.search(r'<h1 id="product-title">(.*?)</h1>', html).group(1)


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_title_in_the_requested_language_when_it_exists(client, cn_store, phones):
    product = make_product(
        store=cn_store, category=phones, titles={"es": "Teléfono", "en": "Phone", "ja": "電話"}
    )

    html = _follow_canonical(client, product, "ja").content.decode()

    assert _h1(html) == "電話"


def test_falls_back_to_the_original_language_before_english(client, cn_store, phones):
    # given: written in Spanish, translated into English, nothing in Japanese
    product = make_product(
        store=cn_store, category=phones, titles={"es": "Teléfono", "en": "Phone"}
    )

    html = _follow_canonical(client, product, "ja").content.decode()

    assert _h1(html) == "Teléfono"
    assert 'lang="es"' in html


def test_falls_back_to_english_when_the_original_is_missing(client, cn_store, phones):
    product = make_product(
        store=cn_store, category=phones, titles={"en": "Phone"}, original_language="de"
    )

    html = _follow_canonical(client, product, "ja").content.decode()

    assert _h1(html) == "Phone"


def test_wrong_slug_redirects_permanently_to_the_canonical_one(client, product):
    response = _get(client, product, slug="old-title")

    assert response.status_code == 301
    assert response["Location"] == f"/en/p/{product.public_id}/pocket-phone/"


def test_hreflang_lists_exactly_the_product_languages(client, product):
    html = _get(client, product).content.decode()

    links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert links == [
        ("en", f"http://testserver/en/p/{product.public_id}/pocket-phone/"),
        ("es", f"http://testserver/es/p/{product.public_id}/tel%C3%A9fono-de-bolsillo/"),
        ("x-default", f"http://testserver/en/p/{product.public_id}/pocket-phone/"),
    ]
    assert (
        f'<link rel="canonical" href="http://testserver/en/p/{product.public_id}/pocket-phone/">'
        in html
    )


def test_json_ld_describes_the_product_and_its_offers(client, product):
    data = _json_ld(_get(client, product).content.decode())

    assert data["@type"] == "Product"
    assert data["name"] == "Pocket phone"
    offer = data["offers"][0]
    assert (offer["price"], offer["priceCurrency"]) == ("68.00", "CNY")  # no USD rate: CNY
    assert offer["availability"] == "https://schema.org/InStock"


def test_json_ld_cannot_be_broken_out_of(client, cn_store, phones):
    product = make_product(
        store=cn_store, category=phones, titles={"en": "Evil </script><script>alert(1)"}
    )

    html = _follow_canonical(client, product, "en").content.decode()

    assert "</script><script>alert(1)" not in html
    assert _json_ld(html)["name"] == "Evil </script><script>alert(1)"


def test_price_is_converted_into_the_display_currency(client, product, add_rates):
    # given: 1 EUR = 7.5 CNY = 160 JPY, so 1 CNY = 21.3333333333 JPY (12 significant digits)
    add_rates(CNY="7.5", JPY="160")
    client.cookies["tp_currency"] = "JPY"

    html = _get(client, product).content.decode()

    # 68.00 CNY × 21.3333333333 = 1450.67 → 1451 JPY (half-even, JPY has no decimals)
    expected = Money(1451, "JPY")
    assert convert(Money(6800, "CNY"), "JPY").money == expected
    panel = re.search(r'data-testid="variant-price">(.*?)</span></span>', html, re.S).group(1)
    assert format_money(expected, "en") in panel
    assert f"Seller&#x27;s price: {format_money(Money(6800, 'CNY'), 'en')}" in html
    offer = _json_ld(html)["offers"][0]
    assert (offer["price"], offer["priceCurrency"]) == ("1451", "JPY")


def test_price_stays_in_the_store_currency_without_a_rate(client, product, add_rates):
    add_rates(CNY="7.5")  # nothing for UAH
    client.cookies["tp_currency"] = "UAH"

    html = _get(client, product).content.decode()

    assert format_money(Money(6800, "CNY"), "en") in html
    assert "No current exchange rate for your currency" in html


def test_page_shows_tiers_moq_lot_and_seller_card(client, cn_store, phones, clock):
    product = make_product(
        store=cn_store,
        category=phones,
        titles={"en": "Cable"},
        variants=[{"price_minor": 500, "tiers": [(10, 450), (100, 400)]}],
        min_order_quantity=2,
        lot_size=10,
    )

    html = _follow_canonical(client, product, "en").content.decode()

    assert "Wholesale prices" in html and "10 or more" in html and "100 or more" in html
    assert "CN¥4.50" in html and "CN¥4.00" in html
    assert "2 pieces" in html and "1 lot = 10 pieces" in html
    assert "Shenzhen Gadgets" in html and "Ships from China" in html
    assert "Open for 7 years" in html  # opened 2019-03-01, today 2026-…


def test_variant_fragment_returns_its_price_stock_and_image(client, product):
    blue = make_variant(product, price_minor=7200, stock=0, options={"Colour": "Blue"})
    make_image(product, position=0)
    blue_image = make_image(product, variant=blue, position=1, alt_text="Blue phone")

    response = client.get(
        f"/en/pv/{product.public_id}/", {"variant": blue.public_id}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-variant="' + blue.public_id + '"' in html
    assert "CN¥72.00" in html and "Out of stock" in html
    assert 'hx-swap-oob="true"' in html
    first_image = re.search(r'<li id="img-([a-z0-9]+)">', html).group(1)
    assert first_image == blue_image.public_id


def test_variant_fragment_for_an_unknown_variant_is_404(client, product):
    response = client.get(f"/en/pv/{product.public_id}/", {"variant": "nope"})

    assert response.status_code == 404


def test_gallery_has_srcset_with_width_hints_and_alt_text(client, product):
    make_image(product, alt_text="Red phone, front")

    html = _get(client, product).content.decode()

    assert re.search(
        r'srcset="/media/products/thumbs/\S+-160\.webp 160w, \S+ 320w, \S+ 640w"', html
    )
    assert 'alt="Red phone, front"' in html


@pytest.mark.parametrize(
    ("declared", "labels", "panel"),
    [
        (("Size", "Colour"), ["M / Blue", "L / Red"], "Size: M · Colour: Blue"),
        (("Colour", "Size"), ["Blue / M", "Red / L"], "Colour: Blue · Size: M"),
    ],
)
def test_options_show_in_the_order_the_seller_gave_them(
    client, cn_store, phones, declared, labels, panel
):
    values = [{"Size": "M", "Colour": "Blue"}, {"Size": "L", "Colour": "Red"}]
    product = make_product(
        store=cn_store, category=phones, titles={"en": "Shirt"},
        variants=[{"options": {name: v[name] for name in declared}} for v in values],
    )  # fmt: skip

    html = _get(client, product).content.decode()
    fragment = client.get(f"/en/pv/{product.public_id}/", {"variant": ""}).content.decode()

    picker = re.search(r'<form [^>]*class="variant-picker".*?</form>', html, re.S).group(0)
    assert f"({', '.join(declared)})</legend>" in picker
    assert re.findall(r"<span>(.*?)</span>", picker) == labels
    assert f'<p class="variant-name">{panel}</p>' in html
    assert f'<p class="variant-name">{panel}</p>' in fragment
    assert _json_ld(html)["offers"][0]["name"] == panel.replace(" · ", ", ")
