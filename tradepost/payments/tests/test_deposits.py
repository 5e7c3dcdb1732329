"""A seller's deposit paid through the gateway: on capture the ledger holds it in the seller's
deposit account and the seller's deposit is held; the payment is the seller's to read only."""

import pytest

from tradepost.api.testing import bearer, send
from tradepost.catalog.testing import make_seller_store
from tradepost.ledger import accounts
from tradepost.ledger.selectors import account_balance, check_invariants
from tradepost.payments import services
from tradepost.payments.testing import card_at_gateway, deliver_webhooks
from tradepost.sellers.models import SellerDeposit


@pytest.fixture
def seller(db, clock):
    return make_seller_store(country="DE", currency="EUR").seller


def test_a_paid_deposit_is_held(seller, clock):
    intent = services.start_deposit_payment(
        seller=seller, amount_minor=5000, currency="EUR", now=clock.now()
    )
    assert intent.purpose == "deposit" and intent.buyer == seller.user
    again = services.start_deposit_payment(
        seller=seller, amount_minor=5000, currency="EUR", now=clock.now()
    )
    assert again.pk == intent.pk  # an open one is reused

    card_at_gateway(intent)
    deliver_webhooks()

    intent.refresh_from_db()
    assert intent.status == "succeeded"
    deposit = SellerDeposit.objects.get(seller=seller)
    assert (deposit.status, deposit.amount_minor, deposit.payment_ref) == (
        "held",
        5000,
        intent.public_id,
    )
    assert account_balance(accounts.seller_deposit(seller, "EUR")) == 5000
    assert check_invariants() == []


def test_only_the_seller_reads_its_deposit_payment(seller, clock, client):
    from tradepost.cart.testing import make_buyer

    intent = services.start_deposit_payment(
        seller=seller, amount_minor=5000, currency="EUR", now=clock.now()
    )
    url = f"/api/v1/payments/{intent.public_id}"
    assert send(client, "get", url, **bearer(seller.user, "orders:read")).status_code == 200
    assert send(client, "get", url, **bearer(make_buyer(), "orders:read")).status_code == 404
