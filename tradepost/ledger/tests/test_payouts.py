"""Payouts: request (≤ available, ≥ minimum, needs an account), approve, export, paid or failed."""

import csv
import io

import pytest

from tradepost.catalog.testing import make_seller_store
from tradepost.ledger import accounts, selectors, services
from tradepost.ledger.errors import (
    BelowPayoutMinimum,
    IllegalPayoutTransition,
    InsufficientBalance,
    InvalidAmount,
    NothingToExport,
    PayoutAccountMissing,
    PayoutNotFound,
)
from tradepost.ledger.models import Payout
from tradepost.ledger.payouts import payout_minimum
from tradepost.ledger.services import Leg, post

pytestmark = pytest.mark.django_db
IBAN = "DE89370400440532013000"


def fund(seller, amount, currency="EUR", *, now, reference=None):
    """Credit the seller's payable as a release would (a test shortcut)."""
    post(
        reference=reference or f"fund:{seller.pk}:{amount}",
        kind="correction",
        legs=[
            Leg(accounts.gateway_clearing(currency), amount),
            Leg(accounts.seller_payable(seller, currency), -amount),
        ],
        now=now,
    )


@pytest.fixture
def seller(db):
    seller = make_seller_store(currency="EUR", country="DE").seller
    seller.payout_iban, seller.payout_country = IBAN, "DE"
    seller.save()
    return seller


def test_a_request_moves_money_from_available_to_in_payout(seller, clock):
    fund(seller, 5000, now=clock.now())

    payout = services.request_payout(
        seller=seller, currency="EUR", amount_minor=3000, now=clock.now(), actor=seller.user
    )

    assert (payout.status, payout.amount_minor, payout.account_number) == ("requested", 3000, IBAN)
    balances = selectors.seller_balances(seller)["EUR"]
    assert (balances.available, balances.in_payout, balances.in_escrow) == (2000, 3000, 0)
    assert selectors.account_balance(accounts.payouts_in_transit("EUR")) == 3000
    assert list(payout.events.values_list("from_status", "to_status")) == [("", "requested")]
    assert selectors.check_invariants() == []


def test_more_than_available_is_refused(seller, clock):
    fund(seller, 5000, now=clock.now())
    with pytest.raises(InsufficientBalance):
        services.request_payout(
            seller=seller, currency="EUR", amount_minor=5001, now=clock.now(), actor=None
        )
    assert not Payout.objects.exists()


def test_below_the_minimum_is_refused(seller, clock, settings):
    settings.PAYOUT_MINIMUM_MINOR = {"EUR": 1000}
    fund(seller, 5000, now=clock.now())
    with pytest.raises(BelowPayoutMinimum) as raised:
        services.request_payout(
            seller=seller, currency="EUR", amount_minor=999, now=clock.now(), actor=None
        )
    assert "10.00" in str(raised.value)
    assert payout_minimum("JPY") == 10  # not listed: 10 major units
    assert payout_minimum("KWD") == 10_000


@pytest.mark.parametrize("amount", [0, -1000, 10.5, "1000", True])
def test_the_amount_must_be_a_positive_integer(seller, clock, amount):
    with pytest.raises(InvalidAmount):
        services.request_payout(
            seller=seller, currency="EUR", amount_minor=amount, now=clock.now(), actor=None
        )


def test_a_payout_account_is_needed(seller, clock):
    seller.payout_iban = ""
    seller.save()
    fund(seller, 5000, now=clock.now())
    with pytest.raises(PayoutAccountMissing):
        services.request_payout(
            seller=seller, currency="EUR", amount_minor=3000, now=clock.now(), actor=None
        )


def test_a_suspended_seller_keeps_its_balance_but_cannot_withdraw_it(seller, clock):
    from tradepost.ledger.errors import PayoutsOnHold
    from tradepost.sellers.services import reinstate_seller, suspend_seller

    fund(seller, 5000, now=clock.now())
    suspend_seller(seller=seller, actor=None, reason="Counterfeit reports", now=clock.now())
    with pytest.raises(PayoutsOnHold):
        services.request_payout(
            seller=seller, currency="EUR", amount_minor=3000, now=clock.now(), actor=None
        )
    assert not Payout.objects.exists()
    assert selectors.seller_balances(seller)["EUR"].available == 5000

    reinstate_seller(seller=seller, actor=None, reason="Cleared", now=clock.now())
    services.request_payout(
        seller=seller, currency="EUR", amount_minor=3000, now=clock.now(), actor=None
    )


def _requested(seller, clock, amount=3000):
    fund(seller, amount, now=clock.now(), reference=f"fund:{amount}:{clock.now()}")
    return services.request_payout(
        seller=seller, currency="EUR", amount_minor=amount, now=clock.now(), actor=None
    )


def test_approve_export_and_pay(seller, clock, make_user):
    finance = make_user("finance@example.com")
    payout = _requested(seller, clock, 1234)
    services.approve_payout(payout=payout, actor=finance, now=clock.advance(hours=1))

    batch, text = services.export_payout_batch(actor=finance, now=clock.advance(hours=1))
    services.mark_payout_paid(payout=payout, actor=finance, now=clock.advance(days=1))

    payout.refresh_from_db()
    assert (payout.status, payout.batch_id) == ("paid", batch.pk)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [
        {
            "payout_id": payout.public_id,
            "beneficiary": seller.legal_name,
            "account": IBAN,
            "country": "DE",
            "currency": "EUR",
            "amount": "12.34",
            "reference": f"tradepost payout {payout.public_id}",
        }
    ]
    assert batch.csv_text == text and batch.payout_count == 1
    assert list(payout.events.values_list("to_status", flat=True)) == [
        "requested",
        "approved",
        "exported",
        "paid",
    ]
    assert selectors.seller_balances(seller)["EUR"].in_payout == 0
    assert selectors.account_balance(accounts.payouts_in_transit("EUR")) == 0
    assert selectors.account_balance(accounts.gateway_clearing("EUR")) == 0  # funded, paid out
    assert selectors.check_invariants() == []
    with pytest.raises(NothingToExport):
        services.export_payout_batch(actor=finance, now=clock.now())


def test_a_failed_payout_returns_the_money(seller, clock):
    payout = _requested(seller, clock, 3000)
    assert selectors.seller_balances(seller)["EUR"].available == 0

    services.mark_payout_failed(payout=payout, actor=None, reason="IBAN closed", now=clock.now())

    payout.refresh_from_db()
    assert (payout.status, payout.failure_reason) == ("failed", "IBAN closed")
    balances = selectors.seller_balances(seller)["EUR"]
    assert (balances.available, balances.in_payout) == (3000, 0)
    assert selectors.check_invariants() == []
    with pytest.raises(IllegalPayoutTransition):
        services.mark_payout_paid(payout=payout, actor=None, now=clock.now())
    # Failing twice does not return the money twice.
    with pytest.raises(IllegalPayoutTransition):
        services.mark_payout_failed(payout=payout, actor=None, now=clock.now())
    assert selectors.seller_balances(seller)["EUR"].available == 3000


def test_paid_only_after_export(seller, clock):
    payout = _requested(seller, clock)
    with pytest.raises(IllegalPayoutTransition):
        services.mark_payout_paid(payout=payout, actor=None, now=clock.now())


def test_csv_cells_never_start_a_formula(seller, clock):
    seller.legal_name = '=HYPERLINK("http://evil")'
    seller.save()
    payout = _requested(seller, clock)
    services.approve_payout(payout=payout, actor=None, now=clock.now())
    _batch, text = services.export_payout_batch(actor=None, now=clock.now())
    assert next(csv.DictReader(io.StringIO(text)))["beneficiary"].startswith("'=")


def test_sellers_see_only_their_own_payouts(seller, clock):
    other = make_seller_store(currency="EUR").seller
    payout = _requested(seller, clock)
    assert selectors.payout_for_seller(seller, payout.public_id) == payout
    with pytest.raises(PayoutNotFound):
        selectors.payout_for_seller(other, payout.public_id)
    assert list(selectors.payouts_for_seller(other)) == []
    assert list(selectors.payouts_queue()) == [payout]
