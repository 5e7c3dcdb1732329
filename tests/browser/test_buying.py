"""A buyer in Spain in a real browser: adds items from a Chinese and a Korean store, changes a
quantity into the wholesale tier without a reload, logs in (the anonymous cart follows), adds an
address, applies a marketplace coupon, reviews every amount in EUR with each seller's rate, and
places one checkout that makes two orders. Once the order is paid, the Chinese seller ships it and
the buyer sees the tracking number. Screenshots of the cart and review at desktop and phone widths."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tradepost import clock
from tradepost.accounts.models import User
from tradepost.cart.models import Checkout
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.ledger.selectors import seller_balances
from tradepost.money.models import ExchangeRate
from tradepost.money.money import Money, format_money
from tradepost.payments.testing import deliver_webhooks
from tradepost.promotions import services as promotions
from tradepost.shipping.testing import flat_rate as set_flat_rate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
PHONE_WIDTH = {"width": 390, "height": 844}


def _user(email: str, **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _market() -> dict:
    now = clock.now()
    for quote, rate in {"CNY": "7.8", "KRW": "1450", "USD": "1.05"}.items():
        ExchangeRate.objects.create(
            quote=quote, rate=Decimal(rate), rate_date=now.date(), imported_at=now
        )
    category = make_category(path=["electronics", "phones"])
    cn = make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")
    seller = cn.seller.user
    seller.set_password(PASSWORD)
    seller.save()
    EmailAddress.objects.create(user=seller, email=seller.email, verified=True, primary=True)
    set_flat_rate(cn, rate_minor=1500)
    kr = make_seller_store(country="KR", currency="KRW", name="Seoul Beauty")
    phone = make_product(
        store=cn, category=category, titles={"en": "Pocket phone"},
        variants=[{"price_minor": 6800, "stock": 20, "tiers": [(10, 6000)]}],
    )  # fmt: skip
    cream = make_product(
        store=kr, category=category, titles={"en": "Snail cream"}, min_order_quantity=2,
        variants=[{"price_minor": 15000, "stock": 8}],
    )  # fmt: skip
    staff = _user("promo@example.com", is_staff=True, is_superuser=True)
    promotions.create_platform_coupon(
        staff=staff,
        data=promotions.CouponInput(
            code="HOLA10",
            kind="percent",
            percent_bps=1000,
            currency="EUR",
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(days=7),
        ),  # fmt: skip
        now=now,
    )
    buyer = _user("lucia@example.com", display_currency="EUR", ship_to_country="ES")
    return {"phone": phone, "cream": cream, "seller": seller, "buyer": buyer}


def _log_in(page, email: str) -> None:
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state("load")


def _shots(page, tmp_path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE_WIDTH)
    page.screenshot(path=str(tmp_path / f"{name}-phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways on a phone ({overflow}px)"
    page.set_viewport_size(size)


def _add(page, base: str, product, quantity: str, units: str, tmp_path) -> None:
    page.goto(f"{base}/en/p/{product.public_id}/")
    page.get_by_label("Quantity").fill(quantity)
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_test_id("add-ok")).to_contain_text("Added to your cart")
    expect(page.get_by_test_id("cart-count")).to_have_text(units)  # the header, no reload
    if units == "1":
        _shots(page, tmp_path, "product")


def _buy(page, base: str, market: dict, tmp_path) -> Checkout:
    # a visitor in Spain chooses euros and adds from two sellers, before logging in
    page.goto(f"{base}/en/")
    page.get_by_label("Currency", exact=True).select_option("EUR")
    expect(page.get_by_test_id("currency-indicator")).to_contain_text("EUR")
    _add(page, base, market["phone"], "1", "1", tmp_path)
    _add(page, base, market["cream"], "2", "3", tmp_path)

    # the cart: grouped by seller; 10 phones switch to the wholesale price without a reload
    page.get_by_role("link", name=re.compile("^Cart")).click()
    expect(page.get_by_test_id("cart-group")).to_have_count(2)
    page.get_by_label("Quantity").first.fill("10")
    page.get_by_role("button", name="Update").first.click()
    expect(page.get_by_test_id("tier")).to_have_text("Wholesale price from 10 pieces")
    expect(page.locator("#cart-status")).to_have_text("Quantity updated.")
    expect(page.get_by_test_id("cart-count")).to_have_text("12")
    expect(page.get_by_test_id("cart-total")).to_have_text("€99.53")  # 76.92 + 1.92 + 20.69
    _shots(page, tmp_path, "cart")

    # check out: log in (the cart follows), then a new address in Spain
    page.get_by_test_id("checkout-link").click()
    _log_in(page, market["buyer"].email)
    expect(page).to_have_url(re.compile(r"/en/checkout/$"))
    page.get_by_label("Full name", exact=True).fill("Lucía García")
    page.get_by_label("Address line 1", exact=True).fill("Calle Mayor 1")
    page.get_by_label("City", exact=True).fill("Madrid")
    page.get_by_label("Postal code", exact=True).fill("28013")
    page.get_by_label("Country", exact=True).select_option("ES")
    page.get_by_label("Phone", exact=True).fill("612 345 678")
    page.get_by_test_id("add-address").click()

    # review: a coupon, each seller's rate, the total in euros; then place
    expect(page).to_have_url(re.compile(r"/en/checkout/review/$"))
    page.get_by_label("Coupon code").fill("hola10")
    page.get_by_test_id("apply-coupon").click()
    expect(page.get_by_test_id("applied-coupon")).to_contain_text("HOLA10")
    expect(page.get_by_test_id("review-group")).to_have_count(2)
    expect(page.get_by_test_id("rate").first).to_contain_text("1 CNY = 0.128205128205 EUR")
    expect(page.get_by_test_id("review-discount")).to_be_visible()
    _shots(page, tmp_path, "review")
    page.get_by_test_id("place-order").click()

    expect(page.get_by_test_id("placed-order")).to_have_count(2)
    expect(page.get_by_test_id("pay-by")).to_contain_text("Pay €")
    _pay_with_a_3ds_card(page, tmp_path)
    page.get_by_role("link", name="See all your orders").click()
    expect(page.get_by_test_id("order-row")).to_have_count(2)
    return Checkout.objects.get(buyer=market["buyer"])


def _pay_with_a_3ds_card(page, tmp_path) -> None:
    """Our pay page → the gateway's own card page → 3-D Secure → back to our status page, which
    turns to paid once the gateway's webhook is in (its worker is this test: deliver_webhooks)."""
    page.get_by_test_id("pay-with-card").click()
    expect(page).to_have_url(re.compile(r"/gateway/test/pay/"))
    expect(page.get_by_test_id("gateway-amount")).to_contain_text("€")
    page.get_by_label("Card number").fill("4000 0000 0000 3220")
    page.get_by_label("Expiry month (MM)").fill("12")
    page.get_by_label("Expiry year (YYYY)").fill("2030")
    page.get_by_label("Security code (CVC)").fill("737")
    page.get_by_test_id("gateway-pay").click()
    expect(page).to_have_url(re.compile(r"/gateway/test/3ds/"))
    page.get_by_test_id("challenge-approve").click()
    expect(page).to_have_url(re.compile(r"/en/checkout/\w+/payment/$"))
    expect(page.get_by_test_id("payment-status")).to_have_attribute("data-state", "processing")
    assert deliver_webhooks() >= 1
    expect(page.get_by_test_id("payment-status")).to_have_attribute(
        "data-state", "succeeded", timeout=10_000
    )
    expect(page.get_by_test_id("payment-order")).to_have_count(2)
    _shots(page, tmp_path, "paid")


def test_a_buyer_in_spain_buys_from_two_sellers_and_the_seller_ships(
    page, browser, live_server, tmp_path
):
    market = _market()
    base = live_server.url
    checkout = _buy(page, base, market, tmp_path)
    orders = {order.store.name: order for order in checkout.orders.select_related("store")}
    assert checkout.discount_minor > 0 and sum(o.total_minor for o in orders.values()) == (
        checkout.total_minor
    )

    # the checkout was paid on the gateway's page; the seller ships
    order = orders["Shenzhen Gadgets"]
    order.refresh_from_db()
    assert order.status == "paid"
    seller = browser.new_context().new_page()
    seller.goto(f"{base}/en/seller/orders/")
    _log_in(seller, market["seller"].email)
    row = seller.locator(f'[data-order="{order.public_id}"]')
    expect(row).to_be_visible()
    seller.goto(f"{base}/en/seller/orders/{order.public_id}/")
    seller.get_by_label("Carrier").select_option("china-post")
    seller.get_by_label("Tracking number").fill("LX123456785CN")
    seller.get_by_test_id("ship-order").click()
    expect(seller.get_by_test_id("order-status")).to_have_text("Shipped")

    # the buyer sees it shipped, with the tracking number
    page.goto(f"{base}/en/account/orders/{order.public_id}/")
    expect(page.get_by_test_id("order-status")).to_have_text("Shipped")
    expect(page.get_by_test_id("tracking")).to_contain_text(
        "China Post, tracking number LX123456785CN"
    )
    _shots(page, tmp_path, "order")

    # the parcel arrived: the buyer confirms, the escrow goes to the seller's balance
    page.get_by_test_id("confirm-receipt").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Completed")
    seller.goto(f"{base}/en/seller/money/")
    balance = seller.locator('[data-testid="balance"][data-currency="CNY"]')
    available = seller_balances(order.store.seller)["CNY"].available
    assert available > 0
    expect(balance.get_by_test_id("available")).to_have_text(
        format_money(Money(available, "CNY"), "en")
    )
    _shots(seller, tmp_path, "seller-balance")
