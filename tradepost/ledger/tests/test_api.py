"""The money API: a seller's balance, statement and payouts; finance staff's payouts queue,
actions and ledger check. Tenancy (404, nothing changed), scopes, Idempotency-Key on every
money-moving POST, stable error codes for bad input, bounded queries."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client

from tradepost.accounts.roles import FINANCE
from tradepost.api.testing import bearer, error_of, send
from tradepost.ledger import selectors, testing
from tradepost.ledger.models import JournalEntry, Payout
from tradepost.ledger.services import request_payout
from tradepost.sellers.testing import *  # noqa: F403 - seller fixtures

pytestmark = pytest.mark.django_db

BALANCE = "/api/v1/seller/balance"
STATEMENT = "/api/v1/seller/statement"
PAYOUTS = "/api/v1/seller/payouts"
QUEUE = "/api/v1/finance/payouts"
CHECK = "/api/v1/finance/ledger-check"
PERIOD = {"currency": "EUR", "start": "2026-11-01", "end": "2026-11-30"}


def sell(store, clock, *, quantity: int = 2, complete: bool = True):
    return testing.sell(store, quantity=quantity, complete=complete, now=clock.now())


@pytest.fixture
def seller(seller_factory):
    return seller_factory("verified")


@pytest.fixture
def rival(seller_factory):
    return seller_factory("verified")


@pytest.fixture
def sold(seller, clock):
    return sell(seller.store, clock)


@pytest.fixture
def reader(seller, clock):
    return bearer(seller.user, "seller:read")


@pytest.fixture
def writer(seller, clock):
    return bearer(seller.user, "seller:read", "seller:write")


@pytest.fixture
def finance(make_user):
    user = make_user("finance@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=FINANCE))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def payout(seller, sold, clock):
    return request_payout(seller=seller, currency="EUR", amount_minor=1500, now=clock.now(),
                          actor=seller.user)  # fmt: skip


def available(seller) -> int:
    return selectors.seller_balances(seller)["EUR"].available


def body(response) -> dict:
    return json.loads(response.content)


# --- balance -------------------------------------------------------------------------------------


def test_balance_to_the_minor_unit(client, seller, sold, reader, clock):
    held = sell(seller.store, clock, quantity=1, complete=False)
    commission = sold.store_items_minor * 800 // 10000

    response = client.get(BALANCE, headers=reader)

    assert response.status_code == 200
    assert body(response) == {
        "items": [
            {
                "currency": "EUR",
                "in_escrow": {"minor": held.total_minor, "currency": "EUR"},
                "available": {
                    "minor": sold.store_items_minor + sold.store_shipping_minor - commission,
                    "currency": "EUR",
                },
                "in_payout": {"minor": 0, "currency": "EUR"},
                "payout_minimum": {"minor": 1000, "currency": "EUR"},
            }
        ]
    }


def test_balance_needs_a_token_with_the_scope(client, seller, sold):
    anonymous = client.get(BALANCE)
    wrong_scope = client.get(BALANCE, headers=bearer(seller.user, "orders:read"))

    assert anonymous.status_code == 401
    assert wrong_scope.status_code == 403
    assert error_of(wrong_scope)["code"] == "insufficient_scope"


def test_a_user_without_a_store_has_no_balance(client, buyer):
    response = client.get(BALANCE, headers=bearer(buyer, "seller:read"))

    assert response.status_code == 404


def test_balance_is_only_the_callers_own(client, rival, clock, reader):
    sell(rival.store, clock)

    assert body(client.get(BALANCE, headers=reader)) == {"items": []}


# --- statement -----------------------------------------------------------------------------------


def test_statement_rows_and_closing_equal_the_ledger(client, seller, sold, reader, clock):
    clock.advance(days=1)
    second = sell(seller.store, clock, quantity=1)
    request_payout(seller=seller, currency="EUR", amount_minor=1000, now=clock.now(),
                   actor=seller.user)  # fmt: skip

    data = body(client.get(STATEMENT, PERIOD, headers=reader))

    assert data["opening"] == {"minor": 0, "currency": "EUR"}
    assert data["closing"] == {"minor": available(seller), "currency": "EUR"}
    assert [(r["kind"], r["order"]) for r in data["items"]] == [
        ("release", sold.public_id), ("release", second.public_id), ("payout_requested", None),
    ]  # fmt: skip
    assert data["items"][-1]["amount"]["minor"] == -1000
    assert data["items"][-1]["balance"] == data["closing"]
    assert data["next_cursor"] is None


def test_statement_pages_with_a_cursor(client, seller, sold, reader, clock):
    clock.advance(days=1)
    second = sell(seller.store, clock, quantity=1)

    first = body(client.get(STATEMENT, {**PERIOD, "limit": 1}, headers=reader))
    rest = body(
        client.get(STATEMENT, {**PERIOD, "limit": 1, "cursor": first["next_cursor"]},
                   headers=reader)
    )  # fmt: skip

    assert [r["order"] for r in first["items"]] == [sold.public_id]
    assert [r["order"] for r in rest["items"]] == [second.public_id]
    assert rest["next_cursor"] is None
    assert first["closing"] == rest["closing"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({**PERIOD, "start": "2026-11-30", "end": "2026-11-01"}, "end"),
        ({**PERIOD, "start": "2020-01-01"}, "end"),
        ({**PERIOD, "start": "yesterday"}, "start"),
        ({**PERIOD, "currency": "QQQ"}, "currency"),
        ({**PERIOD, "currency": "eur"}, "currency"),
        ({**PERIOD, "cursor": "!!!"}, "cursor"),
        ({**PERIOD, "cursor": "eyJvIjotMX0"}, "cursor"),  # {"o":-1}
        ({**PERIOD, "limit": 501}, "limit"),
        ({"currency": "EUR"}, "start"),
    ],
)
def test_bad_statement_input_is_422_with_the_field(client, sold, reader, params, field):
    response = client.get(STATEMENT, params, headers=reader)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_input"
    assert any(field in name for name in error["fields"]), error


def test_statement_never_shows_another_sellers_entries(client, rival, clock, reader):
    sell(rival.store, clock)

    data = body(client.get(STATEMENT, PERIOD, headers=reader))

    assert data["items"] == []
    assert data["closing"]["minor"] == 0


# --- seller payouts ------------------------------------------------------------------------------


def test_request_a_payout_once_per_idempotency_key(client, seller, sold, writer):
    before = available(seller)
    headers = {**writer, "Idempotency-Key": "payout-1"}
    data = {"currency": "EUR", "amount_minor": 1234}

    first = send(client, "post", PAYOUTS, data, **headers)
    again = send(client, "post", PAYOUTS, data, **headers)

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert first.content == again.content
    created = body(first)
    assert (created["status"], created["amount"]) == (
        "requested", {"minor": 1234, "currency": "EUR"},
    )  # fmt: skip
    assert created["account_last4"] == "3000"
    assert "DE89" not in first.content.decode()
    assert Payout.objects.get().public_id == created["public_id"]
    assert available(seller) == before - 1234


@pytest.mark.parametrize(
    ("amount", "status", "code"),
    [
        (10**9, 409, "insufficient_balance"),
        (999, 422, "payout_below_minimum"),
        (0, 422, "invalid_input"),
        (-5, 422, "invalid_input"),
        ("12.5", 422, "invalid_input"),
        (10**16, 422, "invalid_input"),
    ],
)
def test_bad_payout_requests_change_nothing(client, seller, sold, writer, amount, status, code):
    before, entries = available(seller), JournalEntry.objects.count()

    response = send(client, "post", PAYOUTS, {"currency": "EUR", "amount_minor": amount},
                    **writer)  # fmt: skip

    assert response.status_code == status
    assert error_of(response)["code"] == code
    assert not Payout.objects.exists()
    assert (available(seller), JournalEntry.objects.count()) == (before, entries)


def test_payout_body_rejects_unknown_fields_and_currencies(client, sold, writer):
    extra = send(client, "post", PAYOUTS, {"currency": "EUR", "amount_minor": 1500, "x": 1},
                 **writer)  # fmt: skip
    unknown = send(client, "post", PAYOUTS, {"currency": "QQQ", "amount_minor": 1500}, **writer)

    assert extra.status_code == unknown.status_code == 422
    assert not Payout.objects.exists()


def test_requesting_needs_the_write_scope(client, sold, reader):
    response = send(client, "post", PAYOUTS, {"currency": "EUR", "amount_minor": 1500}, **reader)

    assert response.status_code == 403
    assert not Payout.objects.exists()


def test_payouts_are_only_the_callers_own(client, seller, rival, payout, clock, reader):
    sell(rival.store, clock)
    theirs = request_payout(seller=rival, currency="EUR", amount_minor=1000, now=clock.now(),
                            actor=rival.user)  # fmt: skip

    listed = body(client.get(PAYOUTS, headers=reader))
    mine = client.get(f"{PAYOUTS}/{payout.public_id}", headers=reader)
    other = client.get(f"{PAYOUTS}/{theirs.public_id}", headers=reader)

    assert [p["public_id"] for p in listed["items"]] == [payout.public_id]
    assert mine.status_code == 200
    assert other.status_code == 404
    assert error_of(other)["code"] == "payout_not_found"


def test_seller_payout_list_queries_do_not_grow(
    client, seller, sold, reader, clock, django_assert_max_num_queries
):
    for _ in range(3):
        request_payout(seller=seller, currency="EUR", amount_minor=1000, now=clock.now(),
                       actor=seller.user)  # fmt: skip
    client.get(PAYOUTS, headers=reader)  # the token's last-used stamp is written once a minute
    with django_assert_max_num_queries(6):
        assert len(body(client.get(PAYOUTS, headers=reader))["items"]) == 3
    with django_assert_max_num_queries(8):
        assert len(body(client.get(STATEMENT, PERIOD, headers=reader))["items"]) == 4


# --- finance staff -------------------------------------------------------------------------------


def test_finance_lists_open_payouts_with_their_seller(finance, seller, payout):
    data = body(finance.get(QUEUE))

    assert [p["public_id"] for p in data["items"]] == [payout.public_id]
    row = data["items"][0]
    assert row["seller"] == {"public_id": seller.public_id, "legal_name": seller.legal_name}
    assert (row["account_last4"], row["batch"]) == ("3000", None)


def test_finance_endpoints_are_hidden_from_everyone_else(client, seller, reviewer, payout):
    TOTP.activate(reviewer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    staff = Client()
    staff.force_login(reviewer)
    token = bearer(seller.user, "seller:read", "seller:write")

    assert staff.get(QUEUE).status_code == 404
    assert staff.get(CHECK).status_code == 404
    assert client.get(QUEUE, headers=token).status_code == 403
    assert send(client, "post", f"{QUEUE}/{payout.public_id}/approve", **token).status_code == 403
    assert client.get(QUEUE).status_code == 401
    assert Payout.objects.get().status == "requested"


def test_finance_approves_then_marks_paid_with_idempotency_keys(finance, seller, payout, clock):
    from tradepost.ledger.services import export_payout_batch

    approve = f"{QUEUE}/{payout.public_id}/approve"
    first = send(finance, "post", approve, **{"Idempotency-Key": "approve-1"})
    again = send(finance, "post", approve, **{"Idempotency-Key": "approve-1"})
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert body(first)["status"] == "approved"
    batch, _text = export_payout_batch(actor=None, now=clock.now())

    paid = send(finance, "post", f"{QUEUE}/{payout.public_id}/paid",
                **{"Idempotency-Key": "paid-1"})  # fmt: skip

    assert (body(paid)["status"], body(paid)["batch"]) == ("paid", batch.public_id)
    assert selectors.seller_balances(seller)["EUR"].in_payout == 0
    assert body(finance.get(CHECK))["ok"] is True


def test_finance_marks_a_payout_failed_with_a_reason(finance, seller, payout):
    before = available(seller)

    response = send(finance, "post", f"{QUEUE}/{payout.public_id}/failed", {"reason": "Closed"})

    assert body(response)["failure_reason"] == "Closed"
    assert available(seller) == before + 1500


@pytest.mark.parametrize(
    ("action", "data", "status", "code"),
    [
        ("paid", None, 409, "illegal_payout_transition"),
        ("failed", {"reason": ""}, 422, "invalid_input"),
        ("failed", None, 422, "invalid_input"),
    ],
)
def test_refused_finance_actions_change_nothing(finance, payout, action, data, status, code):
    entries = JournalEntry.objects.count()

    response = send(finance, "post", f"{QUEUE}/{payout.public_id}/{action}", data)

    assert response.status_code == status
    assert error_of(response)["code"] == code
    assert Payout.objects.get().status == "requested"
    assert JournalEntry.objects.count() == entries


def test_unknown_payout_is_404(finance):
    response = send(finance, "post", f"{QUEUE}/nope/approve")

    assert response.status_code == 404
    assert error_of(response)["code"] == "payout_not_found"


def test_finance_filters_by_status_and_pages(finance, seller, sold, clock):
    for _ in range(3):
        request_payout(seller=seller, currency="EUR", amount_minor=1000, now=clock.now(),
                       actor=seller.user)  # fmt: skip
        clock.advance(minutes=1)

    first = body(finance.get(QUEUE, {"limit": 2}))
    rest = body(finance.get(QUEUE, {"limit": 2, "cursor": first["next_cursor"]}))
    failed = finance.get(QUEUE, {"status": "failed"})
    bogus = finance.get(QUEUE, {"status": "lost"})

    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert rest["next_cursor"] is None
    assert body(failed)["items"] == []
    assert bogus.status_code == 422


def test_ledger_check_reports_problems(finance, monkeypatch):
    monkeypatch.setattr(selectors, "check_invariants", lambda: ["EUR: sums to +1"])

    data = body(finance.get(CHECK))

    assert (data["ok"], data["problems"]) == (False, ["EUR: sums to +1"])
