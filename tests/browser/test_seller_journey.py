"""A seller's journey in a real browser: onboard, get verified by staff (with TOTP), list a product
with two colours × two sizes and pictures, publish it; a buyer in Japanese sees it in JPY and
switches variant."""

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tradepost.accounts.models import User
from tradepost.accounts.roles import TRUST_SAFETY, ensure_roles
from tradepost.catalog.models import Product
from tradepost.catalog.testing import make_category
from tradepost.money.services import import_ecb_rates
from tradepost.sellers.models import Seller

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ECB_FILE = Path(__file__).resolve().parents[2] / "tradepost/money/data/ecb/eurofxref-2022-07-08.xml"


def _user(email: str, **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _staff() -> User:
    ensure_roles()
    staff = _user("reviewer@example.com", is_staff=True)
    staff.groups.add(Group.objects.get(name=TRUST_SAFETY))
    TOTP.activate(staff, SECRET)
    return staff


def _draw(path: Path, colour: tuple[int, int, int]) -> str:
    image = Image.new("RGB", (400, 400), colour)
    ImageDraw.Draw(image).ellipse((80, 80, 320, 320), fill=(250, 250, 250))
    image.save(path, "PNG")
    return str(path)


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state("load")


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")


def _onboard(page, base: str) -> None:
    page.goto(f"{base}/en/seller/")
    page.get_by_label("Company").check()
    _submit(page, "Save and continue")
    fields = {
        "Legal name": "Muster Handel GmbH", "Address line 1": "Theaterstraße 1",
        "City": "Aachen", "Postal code": "52062", "Phone": "+49 241 432 0",
        "E-mail address": "kontakt@muster.example", "Trade register": "Amtsgericht Aachen",
        "Registration or ID number": "Aachen HRB 44123", "VAT number": "DE136695976",
    }  # fmt: skip
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Country", exact=True).select_option("DE")
    _submit(page, "Save and continue")
    page.get_by_label("IBAN", exact=True).fill("DE89 3704 0044 0532 0130 00")
    _submit(page, "Save and continue")
    page.get_by_label("Store name").fill("Muster Mode")
    page.get_by_label("Store address").fill("muster-mode")
    form = page.get_by_role("main")
    form.get_by_label("Country", exact=True).select_option("DE")
    form.get_by_label("Currency", exact=True).select_option("EUR")
    page.get_by_label("Language you write your listings in").select_option("en")
    _submit(page, "Save and continue")
    page.get_by_label(re.compile("I certify")).check()
    _submit(page, "Submit for review")
    expect(page.get_by_test_id("seller-status")).to_have_attribute("data-status", "submitted")


def _verify_as_staff(browser, base: str, seller: Seller) -> None:
    context = browser.new_context()
    page = context.new_page()
    _log_in(page, base, "reviewer@example.com")
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("#id_code").fill(format_hotp_value(hotp_value(SECRET, int(time.time()) // 30)))
    _submit(page, "Sign In")
    expect(page.get_by_role("link", name="My account")).to_be_visible()
    page.goto(f"{base}/en/console/sellers/{seller.public_id}/")
    _submit(page, "Verify")
    context.close()
    seller.refresh_from_db()
    assert seller.status == "verified"


def _create_listing(page, base: str, tmp_path: Path) -> str:
    page.goto(f"{base}/en/seller/products/new/")
    page.get_by_label("Title").fill("Linen shirt")
    page.get_by_label("Category").select_option(label="Fashion › Clothing › T shirts")
    page.get_by_label("Weight (g)").fill("220")
    _submit(page, "Save draft")
    expect(page.get_by_test_id("product-status")).to_have_attribute("data-status", "draft")
    page.get_by_label("Options", exact=True).fill("Colour: Red, Blue\nSize: S, M")
    page.get_by_label("Price of each new variant").fill("12.00")
    page.get_by_label("Stock of each new variant").fill("20")
    page.get_by_label("SKU prefix").fill("SHIRT")
    _submit(page, "Create variants")
    page.get_by_label("Price of Red / S").fill("10.00")
    page.get_by_label("Price of Blue / M").fill("25.50")
    _submit(page, "Save variants")
    expect(page.get_by_label("Price of Blue / M")).to_have_value("25.50")
    for variant, colour in (("Red / S", (200, 30, 30)), ("Blue / M", (30, 60, 200))):
        page.get_by_label("Image", exact=True).set_input_files(
            _draw(tmp_path / f"{colour[0]}.png", colour)
        )
        page.get_by_label("Alt text").fill(f"Shirt {variant}")
        picker = page.get_by_label("Picture of the variant")
        picker.select_option(picker.locator("option", has_text=variant).get_attribute("value"))
        page.get_by_role("button", name="Upload picture").click()
        expect(page.get_by_role("img", name=f"Shirt {variant}")).to_be_visible()
    expect(page.get_by_test_id("editor-image")).to_have_count(2)
    expect(page.locator("progress#image-progress")).to_be_attached()
    page.screenshot(path=str(tmp_path / "product-editor.png"), full_page=True)
    _submit(page, "Publish listing")
    expect(page.get_by_test_id("product-status")).to_have_attribute("data-status", "active")
    return page.url.split("/seller/products/")[1].split("/")[0]


def _first_picture(page) -> str:
    return page.locator("#gallery .gallery-track img").first.get_attribute("src")


def test_seller_onboards_is_verified_lists_a_product_and_a_buyer_sees_it_in_yen(
    page, browser, live_server, tmp_path, settings
):
    # given ECB rates, a category, a staff reviewer and a new seller with a confirmed e-mail
    settings.MEDIA_ROOT = tmp_path / "media"
    import_ecb_rates(ECB_FILE.read_bytes(), now=dt.datetime(2022, 7, 8, 16, tzinfo=dt.UTC))
    make_category(path=["fashion", "clothing", "t-shirts"])
    _staff()
    seller_user = _user("maker@example.com")
    base = live_server.url

    # when the seller onboards and staff verify them
    _log_in(page, base, "maker@example.com")
    _onboard(page, base)
    _verify_as_staff(browser, base, Seller.objects.get(user=seller_user))

    # and the seller lists a shirt in two colours and two sizes with pictures, and publishes it
    public_id = _create_listing(page, base, tmp_path)
    product = Product.objects.get(public_id=public_id)
    assert (product.status, product.variants.filter(is_active=True).count()) == ("active", 4)

    # then a buyer browsing in Japanese with yen sees it with a JPY price
    buyer_context = browser.new_context(locale="ja-JP")
    buyer = buyer_context.new_page()
    buyer.goto(f"{base}/ja/")
    buyer.get_by_label("通貨", exact=True).select_option("JPY")
    buyer.wait_for_load_state("load")
    expect(buyer.get_by_test_id("currency-indicator")).to_contain_text("JPY")
    buyer.goto(f"{base}/ja/p/{public_id}/")
    expect(buyer.get_by_role("heading", level=1)).to_have_text("Linen shirt")
    price = buyer.get_by_test_id("variant-price")
    expect(price).to_contain_text("￥")
    red_price, red_picture = price.inner_text(), _first_picture(buyer)

    # when they switch to the blue M shirt, the price and the picture change
    # (option values in the order the seller typed the options: Colour, then Size)
    buyer.get_by_label("Blue / M", exact=True).check()
    expect(price).not_to_have_text(red_price)
    expect(price).to_contain_text("￥3,520")  # 25.50 EUR at the ECB rate of 8 July 2022
    expect(buyer.locator("#gallery .gallery-track img").first).not_to_have_attribute(
        "src", red_picture
    )
    expect(buyer.locator("#gallery .gallery-track img").first).to_have_attribute(
        "alt", "Shirt Blue / M"
    )
    buyer.screenshot(path=str(tmp_path / "buyer-ja.png"), full_page=True)
    buyer_context.close()
