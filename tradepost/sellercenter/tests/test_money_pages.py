"""Seller center money pages after a real sale (checkout placed, paid, shipped, receipt
confirmed): the balance, a statement for any period (page and CSV) equal to the ledger to the
minor unit, payouts requested through the page; another seller's data never shows; bad input
changes nothing; the list pages' queries do not grow with the rows."""

import csv
import io

import pytest
from django.test import Client

from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_product
from tradepost.ledger import selectors
from tradepost.ledger.models import JournalEntry, Payout
from tradepost.ledger.services import record_capture
from tradepost.orders.services import confirm_receipt, ship_order
from tradepost.orders.testing import mark_paid

pytestmark = pytest.mark.django_db

BALANCE = "/en/seller/money/"
STATEMENT = "/en/seller/money/statement/"
STATEMENT_CSV = "/en/seller/money/statement.csv"
PAYOUTS = "/en/seller/money/payouts/"
PERIOD = {"currency": "EUR", "start": "2026-11-01", "end": "2026-11-30"}


def sell(store, category, clock, *, quantity: int = 2, price_minor: int = 2000, complete=True):
    """One order of the store's, paid by a Spanish buyer in EUR; shipped and received unless
    `complete` is False (then its money stays in escrow)."""
    variant = make_product(
        store=store, category=category, titles={"en": "Linen shirt"},
        variants=[{"price_minor": price_minor, "stock": 50}],
    ).variants.get()  # fmt: skip
    buyer = make_buyer(country="ES")
    cart_with(buyer, (variant, quantity))
    checkout = place(buyer, currency="EUR")
    order = checkout.orders.get()
    mark_paid(checkout=checkout, now=clock.now())
    record_capture(
        reference=f"capture:{checkout.public_id}", currency="EUR",
        per_order=[(order, order.total_minor)], now=clock.now(),
    )  # fmt: skip
    if complete:
        ship_order(order=order, seller_user=store.seller.user, carrier="DHL",
                   tracking_number=f"{order.pk:010d}", now=clock.now())  # fmt: skip
        confirm_receipt(order=order, buyer=buyer, now=clock.now())
    order.refresh_from_db()
    return order


@pytest.fixture
def sold(store, category, clock):
    return sell(store, category, clock)


def available(seller) -> int:
    return selectors.seller_balances(seller)["EUR"].available


def entry_count() -> int:
    return JournalEntry.objects.count()


# --- access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [BALANCE, STATEMENT, STATEMENT_CSV, PAYOUTS])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- balance -------------------------------------------------------------------------------------


def test_balance_shows_escrow_available_and_payout_to_the_minor_unit(
    seller_client, store, category, clock, sold
):
    held = sell(store, category, clock, quantity=1, price_minor=1234, complete=False)
    commission = sold.store_items_minor * 800 // 10000  # category rate 8 %, exact here

    response = seller_client.get(BALANCE)

    row = response.context["balances"][0]
    assert response.status_code == 200
    assert (row.currency, row.in_payout.minor) == ("EUR", 0)
    assert row.available.minor == sold.store_items_minor + sold.store_shipping_minor - commission
    assert row.in_escrow.minor == held.total_minor
    html = response.content.decode()
    assert "€" in html and 'data-testid="available"' in html
    assert sold.public_id in html  # the release among the recent entries, linked to its order


def test_balance_of_a_seller_without_sales_says_so(seller_client):
    response = seller_client.get(BALANCE)

    assert response.status_code == 200
    assert response.context["balances"] == []


def test_balance_shows_only_the_sellers_own_money(seller_client, other_store, category, clock):
    sell(other_store, category, clock)

    response = seller_client.get(BALANCE)

    assert response.context["balances"] == []
    assert response.context["recent"] == []


# --- statement -----------------------------------------------------------------------------------


def test_statement_lists_every_entry_with_opening_and_closing_balance(
    seller_client, seller, store, category, clock, sold
):
    clock.advance(days=1)
    second = sell(store, category, clock, quantity=1)

    response = seller_client.get(STATEMENT, PERIOD)

    shown = response.context["statement"]
    assert response.status_code == 200
    assert shown["opening"].minor == 0
    assert [row.order_id for row in shown["rows"]] == [sold.public_id, second.public_id]
    assert [row.balance.minor for row in shown["rows"]][-1] == shown["closing"].minor
    assert shown["closing"].minor == available(seller)
    html = response.content.decode()
    assert f'href="/en/seller/orders/{second.public_id}/"' in html
    assert 'type="date" name="start" value="2026-11-01"' in html


def test_statement_of_a_later_period_opens_with_the_earlier_balance(
    seller_client, seller, store, category, clock, sold
):
    clock.advance(days=10)
    sell(store, category, clock, quantity=1)
    period = {"currency": "EUR", "start": "2026-12-05", "end": "2026-12-05"}

    shown = seller_client.get(STATEMENT, period).context["statement"]

    assert shown["opening"].minor == available(seller) - shown["rows"][0].amount.minor
    assert len(shown["rows"]) == 1
    assert shown["closing"].minor == available(seller)


def test_statement_csv_has_the_same_rows_and_closing_balance_as_the_ledger(
    seller_client, seller, store, category, clock, sold
):
    clock.advance(days=1)
    second = sell(store, category, clock, quantity=3)

    response = seller_client.get(STATEMENT_CSV, PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="statement-EUR-20261101-20261130.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, opening, *entries, closing = rows
    assert header[:5] == ["date", "description", "order", "currency", "amount"]
    assert (opening[1], opening[5]) == ("Opening balance", "0.00")
    assert [row[2] for row in entries] == [sold.public_id, second.public_id]
    found = selectors.statement(
        seller=seller, currency="EUR", start=clock.now().replace(day=1, hour=0),
        end=clock.now().replace(month=12, day=1, hour=0),
    )  # fmt: skip
    assert [row[4] for row in entries] == [f"{r.amount_minor / 100:.2f}" for r in found.rows]
    assert closing[1] == "Closing balance"
    assert closing[5] == f"{available(seller) / 100:.2f}" == entries[-1][5]


@pytest.mark.parametrize(
    "period",
    [
        {"currency": "EUR", "start": "2026-11-30", "end": "2026-11-01"},
        {"currency": "EUR", "start": "not a date", "end": "2026-11-01"},
        {"currency": "EUR", "start": "2020-01-01", "end": "2026-11-01"},
        {"currency": "QQQ", "start": "2026-11-01", "end": "2026-11-30"},
    ],
)
def test_bad_periods_are_form_errors_and_no_csv(seller_client, sold, period):
    page = seller_client.get(STATEMENT, period)
    download = seller_client.get(STATEMENT_CSV, period)

    assert page.status_code == 200
    assert page.context["form"].errors
    assert page.context["statement"] is None
    assert download.status_code == 400
    assert "Content-Disposition" not in download


def test_statement_never_shows_another_sellers_entries(seller_client, other_store, category, clock):
    sell(other_store, category, clock)

    shown = seller_client.get(STATEMENT, PERIOD).context["statement"]

    assert shown["rows"] == []
    assert shown["closing"].minor == 0


# --- payouts -------------------------------------------------------------------------------------


def test_request_a_payout_through_the_page(seller_client, seller, sold):
    before = available(seller)

    response = seller_client.post(PAYOUTS, {"currency": "EUR", "amount": "12.34"}, follow=True)

    payout = Payout.objects.get(seller=seller)
    assert (payout.status, payout.amount_minor, payout.currency) == ("requested", 1234, "EUR")
    assert available(seller) == before - 1234
    assert selectors.seller_balances(seller)["EUR"].in_payout == 1234
    html = response.content.decode()
    assert "Payout of €12.34 requested." in html
    assert payout.public_id in html
    assert "•••• 3000" in html  # the account, masked
    assert "DE89370400440532013000" not in html


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("99999", "more than your available balance"),
        ("9.99", "The minimum payout is"),
        ("1.234", "decimal places"),
        ("-5", "greater than or equal to 0"),
        ("abc", "Enter a number"),
    ],
)
def test_bad_payout_amounts_are_form_errors_and_change_nothing(
    seller_client, seller, sold, amount, message
):
    before, entries = available(seller), entry_count()

    response = seller_client.post(PAYOUTS, {"currency": "EUR", "amount": amount})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Payout.objects.exists()
    assert (available(seller), entry_count()) == (before, entries)


def test_a_currency_the_seller_has_no_balance_in_is_refused(seller_client, seller, sold):
    response = seller_client.post(PAYOUTS, {"currency": "USD", "amount": "20"})

    assert response.context["form"].errors["currency"]
    assert not Payout.objects.exists()


def test_payouts_page_lists_only_the_sellers_own_payouts(
    seller_client, seller, other_store, category, clock, sold
):
    sell(other_store, category, clock)
    from tradepost.ledger.services import request_payout

    theirs = request_payout(seller=other_store.seller, currency="EUR", amount_minor=1000,
                            now=clock.now(), actor=other_store.seller.user)  # fmt: skip
    mine = request_payout(seller=seller, currency="EUR", amount_minor=1500, now=clock.now(),
                          actor=seller.user)  # fmt: skip

    response = seller_client.get(PAYOUTS)

    assert [row.payout for row in response.context["rows"]] == [mine]
    assert theirs.public_id not in response.content.decode()


# --- bounded queries -----------------------------------------------------------------------------


def test_list_pages_queries_do_not_grow_with_rows(
    seller_client, seller, store, category, clock, django_assert_max_num_queries
):
    from tradepost.ledger.services import request_payout

    for _ in range(4):
        sell(store, category, clock)
        request_payout(seller=seller, currency="EUR", amount_minor=1000, now=clock.now(),
                       actor=seller.user)  # fmt: skip
    for url, data in ((BALANCE, {}), (STATEMENT, PERIOD), (STATEMENT_CSV, PERIOD), (PAYOUTS, {})):
        seller_client.get(url, data)  # warm the session and caches
        with django_assert_max_num_queries(10):
            assert seller_client.get(url, data).status_code == 200


def test_another_seller_cannot_reach_a_payout_by_any_url(
    seller, other_store, category, clock, sold
):
    from tradepost.ledger.services import request_payout

    payout = request_payout(seller=seller, currency="EUR", amount_minor=1000, now=clock.now(),
                            actor=seller.user)  # fmt: skip
    rival = Client()
    rival.force_login(other_store.seller.user)

    html = rival.get(PAYOUTS).content.decode()

    assert payout.public_id not in html


# --- end to end through the test gateway ---------------------------------------------------------


def test_figures_after_paying_through_the_test_gateway(seller_client, store, category, clock):
    from tradepost.payments.testing import deliver_webhooks, pay_through_pages

    variant = make_product(
        store=store, category=category, titles={"en": "Linen shirt"},
        variants=[{"price_minor": 1999, "stock": 50}],
    ).variants.get()  # fmt: skip
    buyer = make_buyer(country="ES")
    cart_with(buyer, (variant, 3))
    checkout = place(buyer, currency="EUR")
    buyer_client = Client()
    buyer_client.force_login(buyer)
    pay_through_pages(buyer_client, checkout)
    deliver_webhooks()
    order = checkout.orders.get()

    paid = seller_client.get(BALANCE).context["balances"][0]
    ship_order(order=order, seller_user=store.seller.user, carrier="DHL", tracking_number="1000000001",
               now=clock.now())  # fmt: skip
    confirm_receipt(order=order, buyer=buyer, now=clock.now())
    released = seller_client.get(BALANCE).context["balances"][0]
    statement = seller_client.get(STATEMENT, PERIOD).context["statement"]

    order.refresh_from_db()
    commission = 480  # 8 % of €59.97 = €4.7976, rounded to the cent
    assert (order.status, order.store_items_minor) == ("completed", 5997)
    assert (paid.in_escrow.minor, paid.available.minor) == (order.total_minor, 0)
    assert released.in_escrow.minor == 0
    assert released.available.minor == (
        order.store_items_minor + order.store_shipping_minor - commission
    )
    assert statement["closing"] == released.available
    assert [row.order_id for row in statement["rows"]] == [order.public_id]
    assert selectors.check_invariants() == []
