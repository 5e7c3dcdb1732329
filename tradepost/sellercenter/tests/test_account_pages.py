"""Seller center: payout account with re-authentication, deposits, closing the store."""

from types import SimpleNamespace

import pytest

from conftest import PASSWORD
from tradepost.catalog.testing import make_category
from tradepost.sellers import closing, deposits, reauth, services
from tradepost.sellers.models import SellerDeposit

pytestmark = pytest.mark.django_db

BASE = "/en/seller/"
NEW_IBAN = "GB82 WEST 1234 5698 7654 32"


@pytest.fixture
def phones(db):
    category = make_category(path=["electronics", "phones"], names={"en": "Phones"})
    category.deposit_minor, category.deposit_currency = 50_000, "USD"
    category.save()
    return category


@pytest.fixture
def no_ledger(monkeypatch):
    returned = []
    monkeypatch.setattr(closing, "seller_balances", lambda seller: {})
    monkeypatch.setattr(closing, "_return_deposit", lambda **kw: returned.append(kw))
    return returned


def test_the_payout_page_needs_the_current_password(seller_client, seller):
    page = seller_client.get(f"{BASE}payout-account/")
    assert page.status_code == 200
    assert 'name="password"' in page.content.decode()

    for password in ("", "wrong"):
        response = seller_client.post(
            f"{BASE}payout-account/", {"iban": NEW_IBAN, "password": password}
        )
        assert response.status_code == 200
        assert "password" in response.context["form"].errors
        seller.refresh_from_db()
        assert seller.payout_iban == "DE89370400440532013000"

    response = seller_client.post(
        f"{BASE}payout-account/", {"iban": NEW_IBAN, "password": PASSWORD}
    )
    assert response.status_code == 302
    seller.refresh_from_db()
    assert seller.payout_iban == "GB82WEST12345698765432"


def test_too_many_wrong_passwords_are_refused_with_429(seller_client, seller):
    for _ in range(reauth.LIMIT):
        seller_client.post(f"{BASE}payout-account/", {"iban": NEW_IBAN, "password": "guess"})
    response = seller_client.post(
        f"{BASE}payout-account/", {"iban": NEW_IBAN, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    seller.refresh_from_db()
    assert seller.payout_iban == "DE89370400440532013000"


def test_onboarding_asks_for_the_password_only_to_replace_an_account(client, complete_seller):
    client.force_login(complete_seller.user)
    response = client.post(f"{BASE}onboarding/payout/", {"iban": NEW_IBAN})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    response = client.post(f"{BASE}onboarding/payout/", {"iban": NEW_IBAN, "password": PASSWORD})
    assert response.status_code == 302


def test_the_deposit_page_shows_what_is_due_and_starts_the_payment(
    seller_client, seller, phones, monkeypatch
):
    started = []

    def fake(**kwargs):
        started.append(kwargs)
        return SimpleNamespace(public_id="intent-1")

    monkeypatch.setattr(deposits, "start_payment", fake)
    monkeypatch.setattr(deposits, "payment_page", lambda intent: "https://gateway.example/pay/1")
    page = seller_client.get(f"{BASE}deposits/")
    assert page.status_code == 200
    assert "Phones" in page.content.decode()

    response = seller_client.post(f"{BASE}deposits/", {"currency": "USD"})

    assert (response.status_code, response["Location"]) == (302, "https://gateway.example/pay/1")
    assert started[0]["seller"] == seller
    assert started[0]["amount_minor"] == 50_000
    assert SellerDeposit.objects.get(seller=seller).status == "required"


def test_paying_a_currency_not_due_changes_nothing(seller_client, seller, phones):
    response = seller_client.post(f"{BASE}deposits/", {"currency": "EUR"}, follow=True)
    assert "No deposit is due" in response.content.decode()
    assert not SellerDeposit.objects.exists()


def test_publishing_without_the_deposit_shows_the_error(seller_client, store, phones):
    from tradepost.catalog.testing import make_product

    product = make_product(
        store=store, category=phones, titles={"en": "Phone"}, status="draft",
        variants=[{"sku": "PH-1", "price_minor": 9900, "stock": 3}],
    )  # fmt: skip
    response = seller_client.post(f"{BASE}products/{product.public_id}/publish/", follow=True)
    assert "asks for a seller deposit" in response.content.decode()
    product.refresh_from_db()
    assert product.status == "draft"


def test_closing_the_store(seller_client, seller, no_ledger, clock):
    intent = SimpleNamespace(public_id="i-1", seller_id=seller.pk, amount_minor=500, currency="EUR")
    services.deposit_paid(seller=seller, intent=intent, now=clock.now())
    page = seller_client.get(f"{BASE}close/")
    assert page.status_code == 200
    refused = seller_client.post(f"{BASE}close/confirm/", {})
    assert refused.status_code == 302
    seller.refresh_from_db()
    assert seller.status == "verified"

    response = seller_client.post(f"{BASE}close/confirm/", {"confirm": "on"})

    assert response.status_code == 302
    seller.refresh_from_db()
    assert seller.status == "closed"
    assert [r["currency"] for r in no_ledger] == ["EUR"]


def test_obligations_are_shown_and_keep_the_store_open(seller_client, seller, monkeypatch):
    monkeypatch.setattr(closing, "has_open_orders", lambda seller: True)
    monkeypatch.setattr(closing, "seller_balances", lambda seller: {})
    page = seller_client.get(f"{BASE}close/")
    assert 'data-testid="obligations"' in page.content.decode()
    seller_client.post(f"{BASE}close/confirm/", {"confirm": "on"})
    seller.refresh_from_db()
    assert seller.status == "verified"


def test_each_seller_only_acts_on_its_own_store(client, seller, other_store, no_ledger):
    """No URL names a seller: another seller closing closes only its own store."""
    client.force_login(other_store.seller.user)
    client.post(f"{BASE}close/confirm/", {"confirm": "on"})
    seller.refresh_from_db()
    other_store.seller.refresh_from_db()
    assert (seller.status, other_store.seller.status) == ("verified", "closed")


@pytest.mark.parametrize("page", ["deposits/", "payout-account/", "close/"])
def test_a_user_without_a_store_is_sent_to_onboarding(client, buyer, page):
    client.force_login(buyer)
    response = client.get(f"{BASE}{page}")
    assert response.status_code == 302
    assert "/onboarding" in response["Location"]


def test_the_deposit_is_paid_through_the_real_test_gateway(seller_client, seller, phones):
    response = seller_client.post(f"{BASE}deposits/", {"currency": "USD"})
    assert response.status_code == 302
    assert "/gateway/test/" in response["Location"]
    assert SellerDeposit.objects.get(seller=seller).status == "required"
