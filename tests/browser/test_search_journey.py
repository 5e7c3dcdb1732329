"""A buyer searches from the header: suggestions by keyboard, results, a facet, a typo."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tradepost.catalog.testing import make_category, make_product, make_seller_store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(db):
    from tradepost.money.models import ExchangeRate

    ExchangeRate.objects.create(
        quote="CNY",
        rate=Decimal("8"),
        rate_date=dt.date(2026, 11, 24),
        imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
    )
    audio = make_category(["electronics", "audio", "headphones"], names={"en": "Headphones"})
    cn = make_seller_store(country="CN", currency="CNY", name="Shenzhen Sound")
    de = make_seller_store(country="DE", currency="EUR", name="Berlin Audio")
    for n, (store, brand) in enumerate([(cn, "Anker"), (cn, "Anker"), (de, "Sennheiser")]):
        make_product(
            store=store,
            category=audio,
            titles={"en": f"Wireless headphones model {n}"},
            brand=brand,
            variants=[{"price_minor": 8000 + n * 1000}],
            images=1,
        )
    make_product(store=de, category=audio, titles={"en": "Wired earphones"}, brand="Sennheiser")


def test_buyer_finds_headphones_with_the_keyboard_and_narrows_by_brand(
    page, live_server, catalogue, tmp_path
):
    page.goto(f"{live_server.url}/en/")

    # typing shows suggestions; the arrow keys reach them and Enter follows one
    box = page.get_by_role("combobox", name="Search products")
    box.press_sequentially("wirel", delay=30)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=str(tmp_path / "suggestions.png"))
    box.press("ArrowDown")
    expect(page.locator("#search-suggestions a").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=wireless"))

    # the results, with facet counts
    expect(page.get_by_test_id("result-count")).to_have_text("3 products")
    brand_facet = page.locator("#facet-brand + ul")
    expect(brand_facet).to_contain_text("Anker (2)")
    page.screenshot(path=str(tmp_path / "search-results.png"), full_page=True)

    # a brand facet narrows the results and shows a chip that removes it
    brand_facet.get_by_role("link", name="Sennheiser").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 product")
    chips = page.get_by_role("list", name="Filters in use")
    expect(chips).to_contain_text("Sennheiser")
    chips.get_by_role("link").click()
    expect(page.get_by_test_id("result-count")).to_have_text("3 products")

    # a typo still finds them, and offers the right spelling
    box = page.get_by_role("combobox", name="Search products")
    box.fill("wireles hedphones")
    box.press("Enter")
    expect(page.get_by_test_id("did-you-mean")).to_contain_text("wireless headphones")
    expect(page.get_by_test_id("result-count")).to_have_text("3 products")
    page.screenshot(path=str(tmp_path / "search-typo.png"), full_page=True)
