"""A new visitor in a real browser: language and currency switch, sign up, log out, log back in."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "visitor@example.com"
PASSWORD = "a-long-pass-phrase-42"


def _confirm_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0)


def test_visitor_switches_language_and_currency_signs_up_and_logs_back_in(
    page, live_server, tmp_path
):
    # given a new visitor on the home page
    page.goto(f"{live_server.url}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buy from sellers all over the world")

    # when they choose Русский and BRL in the header
    page.get_by_label("Language", exact=True).select_option("ru")
    page.wait_for_url(re.compile(r"/ru/$"))
    page.get_by_label("Валюта", exact=True).select_option("BRL")
    page.wait_for_load_state("load")

    # then the page is in Russian with R$ prices
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(
        "Buy from sellers all over the world"
    )
    expect(page.get_by_test_id("currency-indicator")).to_contain_text("R$")
    page.screenshot(path=str(tmp_path / "home-ru-brl.png"), full_page=True)

    # when they sign up and confirm their e-mail address
    page.get_by_role("link", name="Регистрация").click()
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state("load")
    assert EmailAddress.objects.filter(email=EMAIL, verified=False).exists()
    page.goto(_confirm_link().replace("http://testserver", live_server.url))
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state("load")
    assert EmailAddress.objects.filter(email=EMAIL, verified=True).exists()

    # then they are signed in, still in Russian and BRL
    expect(page.get_by_role("link", name="Мой аккаунт")).to_be_visible()
    expect(page.get_by_test_id("currency-indicator")).to_contain_text("R$")

    # when they log out and log back in
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("link", name="Войти")).to_be_visible()
    page.get_by_role("link", name="Войти").click()
    page.locator("#id_login").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state("load")

    # then they are signed in again
    expect(page.get_by_role("link", name="Мой аккаунт")).to_be_visible()
    page.screenshot(path=str(tmp_path / "signed-in.png"), full_page=True)
