"""A buyer on a Chinese seller's product page in a real browser: ships to Brazil, then France —
the delivery box updates in place with the shipping cost in their currency and the delivery
range — checks out to a French address and sees the French import VAT line (IOSS) and the EU
duty before paying; then switches the ship-to country to India, where the platform is not
available, and sees the notice."""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tradepost import clock
from tradepost.accounts.models import Address, User
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.money.models import ExchangeRate
from tradepost.restrictions import services as restrictions
from tradepost.shipping.models import Pricing, ServiceLevel
from tradepost.shipping.testing import template

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"


def _market():
    now = clock.now()
    ExchangeRate.objects.create(
        quote="CNY", rate=Decimal("8"), rate_date=now.date(), imported_at=now
    )
    store = make_seller_store(country="CN", currency="CNY", name="Canton Lamps")
    category = make_category(path=["home", "lamps"])
    lamp = make_product(
        store=store, category=category, titles={"en": "Paper lamp"},
        variants=[{"price_minor": 40000, "stock": 30}],  # 400.00 CNY = €50.00
    )  # fmt: skip
    template(store, zones=[
        {"countries": ["BR"], "service": ServiceLevel.STANDARD, "carrier": "correios",
         "pricing": Pricing.FLAT, "first_minor": 9600, "processing_days": 2,
         "transit_days_min": 20, "transit_days_max": 40},
        {"groups": ["EU"], "service": ServiceLevel.STANDARD, "carrier": "yunexpress",
         "pricing": Pricing.FLAT, "first_minor": 4000, "processing_days": 2,
         "transit_days_min": 7, "transit_days_max": 12},
    ])  # fmt: skip
    staff = User.objects.create_user(email="ops@example.com", password=PASSWORD, is_staff=True,
                                     is_superuser=True)  # fmt: skip
    restrictions.set_country_availability(
        staff=staff, country="IN", available=False, reason="Blocking order.",
        legal_ref="IT Act 2000 s. 69A", now=now,
    )  # fmt: skip
    buyer = User.objects.create_user(
        email="claire@example.com", password=PASSWORD, display_currency="EUR",
        ship_to_country="BR",
    )  # fmt: skip
    EmailAddress.objects.create(user=buyer, email=buyer.email, verified=True, primary=True)
    Address.objects.create(
        user=buyer, full_name="Claire Martin", line1="12 rue de Rivoli", city="Paris",
        postal_code="75004", country="FR", phone="+33 6 12 34 56 78", is_default=True,
    )  # fmt: skip
    return lamp, buyer


def test_ship_to_brazil_then_france_shows_cost_range_and_french_vat_then_india_is_unavailable(
    live_server, page, tmp_path
):
    lamp, buyer = _market()
    base = live_server.url
    page.goto(f"{base}/en/accounts/login/")
    page.locator("#id_login").fill(buyer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()

    # Brazil (the buyer's profile): Correios, 96.00 CNY = €12.00, 22–42 business days
    page.goto(f"{base}/en/p/{lamp.public_id}/")
    box = page.get_by_test_id("delivery-box")
    expect(box.get_by_test_id("delivery-country")).to_have_value("BR")
    expect(box.get_by_test_id("delivery-option")).to_have_count(1)
    expect(box.get_by_test_id("delivery-option")).to_contain_text("Correios")
    expect(box.get_by_test_id("delivery-price")).to_have_text("€12.00")
    expect(box.get_by_test_id("delivery-range")).to_contain_text("arrives")

    # France: the box updates in place (htmx), YunExpress €5.00
    box.get_by_label("Ship to").select_option("FR")
    expect(box.get_by_test_id("delivery-option")).to_contain_text("YunExpress")
    expect(page.get_by_test_id("delivery-price")).to_have_text("€5.00")
    page.screenshot(path=str(tmp_path / "delivery-fr.png"), full_page=True)

    # add to the cart and check out to the French address
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    page.goto(f"{base}/en/checkout/")
    page.get_by_test_id("use-address").click()
    expect(page).to_have_url(re.compile(r"/en/checkout/review/$"))
    # €50.00 + €5.00 shipping, 20 % French VAT on €55.00 = €11.00, EU duty 1 × €3.00
    tax_lines = page.get_by_test_id("tax-line")
    expect(tax_lines.first).to_have_text("VAT (France, 20 %)")
    expect(page.get_by_test_id("review-tax")).to_have_text("€14.00")
    expect(page.get_by_test_id("review-total")).to_have_text("€69.00")
    page.screenshot(path=str(tmp_path / "review-fr.png"), full_page=True)

    # India: the platform is not available there. The box arrives by htmx after the page's
    # load; choosing before htmx has taken the new form in would be a change nobody hears.
    page.goto(f"{base}/en/p/{lamp.public_id}/", wait_until="networkidle")
    page.get_by_test_id("delivery-box").get_by_label("Ship to").select_option("IN")
    expect(page.get_by_test_id("delivery-unavailable")).to_contain_text(
        "not available for delivery to India"
    )
    page.reload()
    expect(page.get_by_test_id("country-notice")).to_contain_text("India")
    page.screenshot(path=str(tmp_path / "india.png"), full_page=True)
