"""Staff console finance pages: escrow, commission by month, tax by jurisdiction after a real
sale; the payouts queue (approve, export the bank batch as CSV, mark paid or failed); the ledger
check. Only finance staff get in; bad actions change nothing; the queue's queries stay flat."""

import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client

from tradepost.accounts.roles import FINANCE
from tradepost.ledger import accounts, selectors, testing
from tradepost.ledger.models import JournalEntry, Payout, PayoutBatch
from tradepost.ledger.services import Leg, post, request_payout

pytestmark = pytest.mark.django_db

FINANCE_URL = "/en/console/finance/"
CHECK = "/en/console/finance/check/"
QUEUE = "/en/console/finance/payouts/"
EXPORT = "/en/console/finance/payouts/export/"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def sell(store, clock, *, quantity: int = 1, complete: bool = True):
    return testing.sell(store, quantity=quantity, complete=complete, now=clock.now())


def staff_client(user) -> Client:
    TOTP.activate(user, TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def finance_client(make_user):
    user = make_user("finance@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=FINANCE))
    return staff_client(user)


@pytest.fixture
def store(seller_factory):
    return seller_factory("verified").store


@pytest.fixture
def sold(store, clock):
    """A completed order: 2 × €20.00 in a category at 8 % commission, paid in EUR."""
    return sell(store, clock, quantity=2)


@pytest.fixture
def payout(store, sold, clock):
    seller = store.seller
    return request_payout(seller=seller, currency="EUR", amount_minor=1500, now=clock.now(),
                          actor=seller.user)  # fmt: skip


def status_of(payout) -> str:
    return Payout.objects.get(pk=payout.pk).status


def act(client, payout, action, *, follow=False, **data):
    return client.post(f"{QUEUE}{payout.public_id}/{action}/", data, follow=follow)


# --- access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [FINANCE_URL, QUEUE])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [FINANCE_URL, QUEUE])
def test_non_staff_and_staff_without_the_finance_role_get_404(make_user, reviewer, store, url):
    seller_client = Client()
    seller_client.force_login(store.seller.user)

    assert seller_client.get(url).status_code == 404
    assert staff_client(reviewer).get(url).status_code == 404


def test_staff_without_the_role_cannot_act_on_payouts(reviewer, payout):
    client = staff_client(reviewer)

    assert act(client, payout, "approve").status_code == 404
    assert client.post(EXPORT).status_code == 404
    assert client.post(CHECK).status_code == 404
    assert status_of(payout) == "requested"


def test_the_dashboard_links_to_finance_for_finance_staff(finance_client):
    html = finance_client.get("/en/console/").content.decode()

    assert f'href="{FINANCE_URL}"' in html
    assert f'href="{QUEUE}"' in html


# --- figures -------------------------------------------------------------------------------------


def test_overview_shows_escrow_commission_and_tax_to_the_minor_unit(
    finance_client, store, sold, clock
):
    held = sell(store, clock, complete=False)
    commission = sold.store_items_minor * 800 // 10000
    collect_tax("ES", 731, clock)  # no tax is charged until the taxes issue: post it directly

    response = finance_client.get(FINANCE_URL)

    assert response.status_code == 200
    context = response.context
    assert [(m.currency, m.minor) for m in context["escrow"]] == [("EUR", held.total_minor)]
    assert [(row["month"].isoformat(), row["amount"].minor) for row in context["commission"]] == [
        ("2026-11-01", commission)
    ]
    assert [(row["jurisdiction"], row["amount"].minor) for row in context["tax"]] == [("ES", 731)]
    html = response.content.decode()
    assert 'data-month="2026-11"' in html
    assert 'data-jurisdiction="ES"' in html and "€7.31" in html


def collect_tax(jurisdiction: str, amount_minor: int, clock) -> None:
    post(
        reference=f"test-tax:{jurisdiction}", kind="correction", now=clock.now(),
        legs=[Leg(accounts.gateway_clearing("EUR"), amount_minor),
              Leg(accounts.tax_payable(jurisdiction, "EUR"), -amount_minor)],
    )  # fmt: skip


def test_overview_before_any_sale(finance_client):
    response = finance_client.get(FINANCE_URL)

    assert response.status_code == 200
    assert "Nothing in escrow." in response.content.decode()


# --- ledger check --------------------------------------------------------------------------------


def test_check_the_ledger_says_all_invariants_hold(finance_client, sold, payout):
    page = finance_client.post(CHECK)
    fragment = finance_client.post(CHECK, headers={"HX-Request": "true"})

    assert page.status_code == fragment.status_code == 200
    assert "All invariants hold" in page.content.decode()
    assert "All invariants hold" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_check_the_ledger_lists_problems(finance_client, monkeypatch):
    problems = ["EUR: all accounts sum to +5, not 0"]
    monkeypatch.setattr(selectors, "check_invariants", lambda: problems)

    html = finance_client.post(CHECK).content.decode()

    assert "1 problem found" in html
    assert "EUR: all accounts sum to +5, not 0" in html
    assert "All invariants hold" not in html


def test_the_check_only_answers_posts(finance_client):
    assert finance_client.get(CHECK).status_code == 405


# --- payouts queue -------------------------------------------------------------------------------


def test_queue_lists_open_payouts_with_the_account_masked(finance_client, payout, store):
    response = finance_client.get(QUEUE)

    assert [row.payout for row in response.context["rows"]] == [payout]
    html = response.content.decode()
    assert store.seller.legal_name in html
    assert "•••• 3000" in html
    assert "DE89370400440532013000" not in html


def test_approve_export_and_mark_paid(finance_client, payout, store, clock):
    act(finance_client, payout, "approve")
    assert status_of(payout) == "approved"

    download = finance_client.post(EXPORT)

    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    batch = PayoutBatch.objects.get()
    assert download["Content-Disposition"] == (
        f'attachment; filename="payouts-{batch.public_id}.csv"'
    )
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[1][0] == payout.public_id
    assert rows[1][2] == "DE89370400440532013000"  # the bank file carries the full account
    assert rows[1][4:6] == ["EUR", "15.00"]
    assert status_of(payout) == "exported"
    again = finance_client.get(f"/en/console/finance/batches/{batch.public_id}.csv")
    assert again.content == download.content

    response = act(finance_client, payout, "paid", follow=True)

    assert status_of(payout) == "paid"
    assert f"Payout {payout.public_id} marked as paid." in response.content.decode()
    assert selectors.seller_balances(store.seller)["EUR"].in_payout == 0
    assert selectors.check_invariants() == []


def test_mark_failed_returns_the_money_to_the_seller(finance_client, payout, store):
    before = selectors.seller_balances(store.seller)["EUR"].available

    response = act(finance_client, payout, "failed", reason="IBAN closed")

    assert response.status_code == 302
    payout.refresh_from_db()
    assert (payout.status, payout.failure_reason) == ("failed", "IBAN closed")
    after = selectors.seller_balances(store.seller)["EUR"]
    assert (after.available, after.in_payout) == (before + 1500, 0)


def test_htmx_actions_swap_the_row(finance_client, payout):
    response = finance_client.post(
        f"{QUEUE}{payout.public_id}/approve/", headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<tr") and "Approved" in html


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("paid", {}, "cannot go from"),  # not exported yet
        ("failed", {"reason": ""}, "Say why the payout failed."),
    ],
)
def test_refused_actions_say_why_and_change_nothing(finance_client, payout, action, data, message):
    entries = JournalEntry.objects.count()

    response = act(finance_client, payout, action, follow=True, **data)

    assert message in response.content.decode()
    assert status_of(payout) == "requested"
    assert JournalEntry.objects.count() == entries


def test_unknown_payouts_and_actions_are_404(finance_client, payout):
    assert finance_client.post(f"{QUEUE}nope/approve/").status_code == 404
    assert act(finance_client, payout, "delete").status_code == 404
    assert finance_client.get(f"{QUEUE}{payout.public_id}/approve/").status_code == 405


def test_export_with_nothing_approved_changes_nothing(finance_client, payout):
    response = finance_client.post(EXPORT, follow=True)

    assert "No approved payouts are waiting to be exported." in response.content.decode()
    assert not PayoutBatch.objects.exists()


def test_queue_filters_by_status(finance_client, payout):
    act(finance_client, payout, "failed", reason="Refused")

    assert finance_client.get(QUEUE).context["rows"] == []
    assert [r.payout for r in finance_client.get(QUEUE, {"status": "failed"}).context["rows"]] == [
        payout
    ]
    assert finance_client.get(QUEUE, {"status": "bogus"}).context["status"] == "open"


def test_queue_queries_do_not_grow_with_payouts(
    finance_client, seller_factory, clock, django_assert_max_num_queries
):
    for _ in range(3):
        store = seller_factory("verified").store
        seller = store.seller
        sell(store, clock)
        request_payout(seller=seller, currency="EUR", amount_minor=1000, now=clock.now(),
                       actor=seller.user)  # fmt: skip
    finance_client.get(QUEUE)
    with django_assert_max_num_queries(10):
        response = finance_client.get(QUEUE)
    assert len(response.context["rows"]) == 3
    with django_assert_max_num_queries(10):
        assert finance_client.get(FINANCE_URL).status_code == 200
