"""A seller in a real browser sets up shipping: a template with a worldwide zone, adds an express
zone for France and Germany and removes a third one without a reload (htmx, the keyboard focus
following), is told about a bad day range under the field, saves, and picks the template on a
listing. Screenshots of the editor and the list at desktop and phone widths."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tradepost.catalog.models import Product
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.shipping.models import ShippingTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
PHONE_WIDTH = {"width": 390, "height": 844}


def _seller():
    store = make_seller_store(country="DE", currency="EUR", name="Aachen Werkzeug")
    user = store.seller.user
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    category = make_category(path=["tools"])
    product = make_product(store=store, category=category, titles={"en": "Spanner"})
    return store, product


def _shots(page, tmp_path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE_WIDTH)
    page.screenshot(path=str(tmp_path / f"{name}-phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: the page scrolls sideways on a phone"
    page.set_viewport_size(size)


def _zone(page, number: int):
    return page.get_by_role("group", name=f"Zone {number}", exact=True)


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next=/en/seller/shipping/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_role("heading", name="Shipping templates")).to_be_visible()


def _fill_zones(page) -> None:
    """A worldwide standard zone, an express zone with a bad day range, a third zone removed."""
    world = _zone(page, 1)
    expect(world.get_by_label("Rest of the world")).to_be_checked()
    world.get_by_label("Price (EUR)").fill("4.50")
    world.get_by_label("Carrier").select_option(label="Deutsche Post")

    page.get_by_role("button", name="Add a zone").click()
    express = _zone(page, 2)
    expect(express.get_by_label("Countries")).to_be_focused()
    expect(page.locator("#zone-status")).to_have_text("Zone 2 added.")
    express.get_by_label("Countries").fill("fr, de")
    express.get_by_label("Service").select_option("express")
    express.get_by_label("Carrier").select_option(label="DHL Express")
    express.get_by_label("Price (EUR)").fill("12")
    express.get_by_label("Transit days, at least").fill("9")
    express.get_by_label("Transit days, at most").fill("3")

    page.get_by_role("button", name="Add a zone").click()
    expect(page.locator("fieldset.zone-row")).to_have_count(3)
    page.get_by_role("button", name="Remove zone 3").click()
    expect(page.locator("fieldset.zone-row")).to_have_count(2)
    expect(page.locator("#zone-status")).to_have_text("Zone removed.")
    expect(page.get_by_role("button", name="Add a zone")).to_be_focused()
    expect(world.get_by_label("Price (EUR)")).to_have_value("4.50")  # typed values survive


def test_a_seller_sets_up_shipping_and_picks_it_on_a_listing(page, live_server, tmp_path):
    store, product = _seller()
    base = live_server.url
    _log_in(page, base, store.seller.user.email)
    expect(page.get_by_text("You have no shipping template yet")).to_be_visible()
    page.get_by_role("link", name="New template").click()
    page.get_by_label("Name").fill("Parcels")
    _fill_zones(page)

    page.get_by_role("button", name="Save template").last.click()
    bad = _zone(page, 2).get_by_label("Transit days, at most")
    expect(bad).to_have_attribute("aria-invalid", "true")
    expect(_zone(page, 2)).to_contain_text("The maximum cannot be less than the minimum.")
    assert not ShippingTemplate.objects.exists()
    _shots(page, tmp_path, "editor-with-error")

    bad.fill("12")
    page.get_by_role("button", name="Save template").last.click()
    expect(page.get_by_text("Shipping template “Parcels” saved.")).to_be_visible()
    row = page.get_by_test_id("template-row")
    expect(row).to_contain_text("Default")
    expect(row).to_contain_text("Express · DHL Express — France, Germany")
    expect(row).to_contain_text("Standard · Deutsche Post — Rest of the world")
    _shots(page, tmp_path, "template-list")
    template = ShippingTemplate.objects.get()
    zones = list(template.zones.order_by("id").values_list("groups", "countries", "first_minor"))
    assert zones == [(["WORLD"], [], 450), ([], ["FR", "DE"], 1200)]

    page.goto(f"{base}/en/seller/products/{product.public_id}/")
    page.get_by_label("Shipping template").select_option(label="Parcels")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Details saved.")).to_be_visible()
    expect(page.get_by_label("Shipping template")).to_have_value(template.public_id)
    assert Product.objects.get(pk=product.pk).shipping_template_id == template.pk
