"""Concurrent callers, each thread with its own database connection and transaction: one
reference posts once, payouts never overdraw, refunds never exceed the escrow (PostgreSQL: row
locks and the unique reference; SQLite: one writer at a time)."""

import threading

import pytest
from django.db import connection, transaction

from tradepost.cart.testing import make_buyer
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.errors import DomainError
from tradepost.ledger import accounts, selectors, services
from tradepost.ledger.models import JournalEntry, Payout, Posting
from tradepost.ledger.services import Leg
from tradepost.ledger.testing import paid_orders

THREADS = 10


def race(attempt, n=THREADS):
    """`attempt()` in `n` threads at once, each in its own transaction; (results, error codes)."""
    start = threading.Barrier(n)
    done, refused, crashed = [], [], []

    def run():
        try:
            start.wait()
            with transaction.atomic():
                done.append(attempt())
        except DomainError as error:
            refused.append(error.code)
        except Exception as error:  # noqa: BLE001 - a crash must fail the test, not the thread
            crashed.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert crashed == []
    return done, refused


@pytest.mark.django_db(transaction=True)
def test_ten_posts_of_one_reference_write_one_entry(clock):
    clearing, revenue = accounts.gateway_clearing("EUR"), accounts.commission_revenue("EUR")
    legs = [Leg(clearing, 700), Leg(revenue, -700)]

    entries, refused = race(
        lambda: services.post(reference="once", kind="capture", legs=legs, now=clock.now())
    )

    assert refused == []
    assert len({entry.pk for entry in entries}) == 1
    assert JournalEntry.objects.count() == 1
    assert Posting.objects.count() == 2
    assert selectors.check_invariants() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_payout_requests_cannot_overdraw(clock):
    seller = make_seller_store(currency="EUR").seller
    seller.payout_iban = "DE89370400440532013000"
    seller.save()
    services.post(
        reference="fund",
        kind="correction",
        legs=[
            Leg(accounts.gateway_clearing("EUR"), 5000),
            Leg(accounts.seller_payable(seller, "EUR"), -5000),
        ],
        now=clock.now(),
    )

    paid, refused = race(
        lambda: services.request_payout(
            seller=seller, currency="EUR", amount_minor=1000, now=clock.now(), actor=None
        )
    )

    assert len(paid) == 5
    assert refused == ["insufficient_balance"] * 5
    assert Payout.objects.count() == 5
    assert selectors.seller_balances(seller)["EUR"].available == 0
    assert selectors.check_invariants() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_refunds_never_exceed_the_escrow(clock):
    store = make_seller_store(currency="EUR", country="DE")  # to Spain: no import tax
    variant = make_product(
        store=store, category=make_category(["toys"]), variants=[{"price_minor": 2500}]
    ).variants.get()
    (order,) = paid_orders(make_buyer(), (variant, 1))
    references = iter(range(THREADS))

    refunds, refused = race(
        lambda: services.record_refund(
            reference=f"refund:{next(references)}", order=order, amount_minor=600, now=clock.now()
        )
    )

    assert len(refunds) == 4  # 4 × 6.00 of 25.00
    assert set(refused) == {"refund_exceeds_escrow"}
    assert selectors.escrow_by_order(order) == 100
    assert selectors.check_invariants() == []
