"""Statements reconcile to the ledger; check_invariants is empty after a full flow and names what
is wrong when a row bypasses post(); the finance console's totals."""

import datetime as dt

import pytest

from tradepost.cart.testing import make_buyer
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.ledger import accounts, selectors, services
from tradepost.ledger.models import JournalEntry, Posting
from tradepost.ledger.testing import complete, paid_orders
from tradepost.shipping.testing import flat_rate as set_flat_rate


@pytest.fixture
def flow(db, clock):
    """A seller with two completed orders (one partly refunded), one still open, one payout
    requested and one failed."""
    store = make_seller_store(currency="EUR", country="DE")
    store.seller.payout_iban = "DE89370400440532013000"
    store.seller.save()
    set_flat_rate(store, rate_minor=500)
    variant = make_product(
        store=store, category=make_category(["toys"]), variants=[{"price_minor": 2000, "stock": 9}]
    ).variants.get()
    first, second, third = (paid_orders(make_buyer(), (variant, 1))[0] for _ in range(3))
    complete(first, clock.advance(days=1))  # 2500 − 160 = 2340
    services.record_refund(reference="rf", order=second, amount_minor=500, now=clock.now())
    complete(second, clock.advance(days=1))  # 2000 of 2500: 2000 − 128 = 1872
    kept = services.request_payout(
        seller=store.seller,
        currency="EUR",
        amount_minor=1500,
        now=clock.advance(days=1),
        actor=None,
    )
    bounced = services.request_payout(
        seller=store.seller, currency="EUR", amount_minor=1000, now=clock.now(), actor=None
    )
    services.mark_payout_failed(payout=bounced, actor=None, now=clock.advance(days=1))
    return {"seller": store.seller, "open": third, "kept": kept}


START = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 12, 31, tzinfo=dt.UTC)


def test_the_statement_closes_at_the_ledger_balance(flow):
    seller = flow["seller"]

    whole = selectors.statement(seller=seller, currency="EUR", start=START, end=END)

    available = 2340 + 1872 - 1500
    assert (whole.opening, whole.closing) == (0, available)
    assert selectors.seller_balances(seller)["EUR"].available == available
    assert [(row.kind, row.amount_minor) for row in whole.rows] == [
        ("release", 2340),
        ("release", 1872),
        ("payout_requested", -1500),
        ("payout_requested", -1000),
        ("payout_failed", 1000),
    ]
    assert [row.balance_minor for row in whole.rows] == [2340, 4212, 2712, 1712, 2712]
    assert whole.rows[0].order_public_id is not None
    assert whole.rows[0].reference.startswith("release:")


def test_a_later_period_opens_where_the_earlier_closed(flow, clock):
    seller = flow["seller"]
    middle = START + dt.timedelta(days=26)  # after the first release (25 Nov + 1 day)

    before = selectors.statement(seller=seller, currency="EUR", start=START, end=middle)
    after = selectors.statement(seller=seller, currency="EUR", start=middle, end=END)

    assert before.closing == after.opening == 2340
    assert after.closing == 2712


def test_balances_show_escrow_available_and_in_payout(flow):
    balances = selectors.seller_balances(flow["seller"])
    assert balances == {"EUR": selectors.Balances(in_escrow=2500, available=2712, in_payout=1500)}


def test_finance_totals(flow):
    assert selectors.escrow_total_by_currency() == {"EUR": 2500}
    assert selectors.commission_revenue_by_month() == [(dt.date(2026, 11, 1), "EUR", 288)]
    assert [p.public_id for p in selectors.payouts_queue()] == [flow["kept"].public_id]


def test_check_invariants_is_empty_after_the_whole_flow(flow):
    assert selectors.check_invariants() == []


def test_a_row_bypassing_post_is_found(flow, clock):
    entry = JournalEntry.objects.create(
        reference="sneaky", kind="correction", effective_at=clock.now(), created_at=clock.now()
    )
    Posting.objects.bulk_create(
        [Posting(entry=entry, account=accounts.seller_payable(flow["seller"], "EUR"),
                 currency="EUR", amount_minor=5000)]
    )  # fmt: skip

    problems = selectors.check_invariants()

    assert "entry sneaky does not balance in EUR: +5000" in problems
    assert "EUR: all accounts sum to +5000, not 0" in problems
    assert any("seller_payable" in p and "is negative" in p for p in problems)


def test_escrow_left_on_a_closed_order_is_found(flow, clock):
    from tradepost.orders.services import transition_order

    order = flow["open"]
    transition_order(order=order, to="cancelled", reason="test", now=clock.now())

    assert selectors.check_invariants() == [
        f"order {order.public_id} is cancelled but still holds 2500 in escrow"
    ]
    services.record_refund(reference="rf-open", order=order, amount_minor=2500, now=clock.now())
    assert selectors.check_invariants() == []
