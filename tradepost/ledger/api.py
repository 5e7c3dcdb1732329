"""Balances, statements and payouts over the API.

Seller endpoints (`/seller/...`) read and act on the caller's own seller only (the store's
owner; `seller:read` / `seller:write` scopes): another seller's payout is "not found". Finance
endpoints (`/finance/...`) are for staff with the finance permissions, from a logged-in session
(API tokens carry no finance scope): anyone else gets 404, as the staff console answers. Every
money-moving POST takes an `Idempotency-Key`.
"""

import base64
import binascii
import datetime as dt
import json

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from tradepost import clock
from tradepost.api.errors import InsufficientScope
from tradepost.api.idempotency import idempotent
from tradepost.catalog.api import store_of
from tradepost.errors import InvalidInput, NotFound
from tradepost.ledger import selectors, services
from tradepost.ledger.errors import PayoutNotFound
from tradepost.ledger.models import Payout
from tradepost.ledger.payouts import payout_minimum
from tradepost.ledger.schemas import (
    BalanceOut,
    BalancesOut,
    LedgerCheckOut,
    PayoutFailIn,
    PayoutListFilter,
    PayoutRequestIn,
    SellerPayoutOut,
    SellerPayoutPageOut,
    StaffPayoutFilter,
    StaffPayoutOut,
    StaffPayoutPageOut,
    StatementFilter,
    StatementOut,
    StatementRowOut,
    money,
    seller_payout_out,
    staff_payout_out,
)
from tradepost.money.currencies import is_known_currency
from tradepost.orders.api import page_of

router = Router(tags=["money"])

MAX_STATEMENT_DAYS = 3 * 366
MANAGE_PAYOUTS = "ledger.manage_payouts"
CHECK_LEDGER = "ledger.check_ledger"


def _seller(request, scope: str):
    return store_of(request, scope).seller


# --- seller: balance and statement -------------------------------------------------------------


@router.get("/seller/balance", response=BalancesOut)
def get_balance(request):
    """Your money per settlement currency: in escrow, available to withdraw, in payout."""
    seller = _seller(request, "seller:read")
    return BalancesOut(
        items=[
            BalanceOut(
                currency=currency, in_escrow=money(found.in_escrow, currency),
                available=money(found.available, currency),
                in_payout=money(found.in_payout, currency),
                payout_minimum=money(payout_minimum(currency), currency),
            )
            for currency, found in selectors.seller_balances(seller).items()
        ]
    )  # fmt: skip


def _period(query: StatementFilter) -> tuple[dt.datetime, dt.datetime]:
    if not is_known_currency(query.currency):
        raise InvalidInput(fields={"currency": [_("Unknown currency.")]})
    if query.end < query.start:
        raise InvalidInput(fields={"end": [_("The end date is before the start date.")]})
    if (query.end - query.start).days > MAX_STATEMENT_DAYS:
        raise InvalidInput(fields={"end": [_("Choose a period of at most three years.")]})
    return (
        dt.datetime.combine(query.start, dt.time(), tzinfo=dt.UTC),
        dt.datetime.combine(query.end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC),
    )


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        offset = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["o"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        offset = None
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InvalidInput(fields={"cursor": [_("This cursor is not valid here.")]})
    return offset


def _cursor(offset: int) -> str:
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@router.get("/seller/statement", response=StatementOut)
def get_statement(request, query: Query[StatementFilter]):
    """Your available balance in `currency` from `start` to `end` (UTC days, both included):
    opening and closing balance and every entry with its running balance, `limit` rows at a
    time (follow `next_cursor`; opening and closing are those of the whole period)."""
    seller = _seller(request, "seller:read")
    start, end = _period(query)
    offset = _offset(query.cursor)
    found = selectors.statement(seller=seller, currency=query.currency, start=start, end=end)
    rows = found.rows[offset : offset + query.limit]
    more = offset + query.limit < len(found.rows)
    currency = query.currency
    return StatementOut(
        currency=currency, start=query.start, end=query.end,
        opening=money(found.opening, currency), closing=money(found.closing, currency),
        items=[
            StatementRowOut(
                at=row.effective_at, kind=row.kind, description=row.kind_label,
                order=row.order_public_id, amount=money(row.amount_minor, currency),
                balance=money(row.balance_minor, currency),
            )
            for row in rows
        ],
        next_cursor=_cursor(offset + query.limit) if more else None,
    )  # fmt: skip


# --- seller: payouts ---------------------------------------------------------------------------


@router.get("/seller/payouts", response=SellerPayoutPageOut)
def list_payouts(request, query: Query[PayoutListFilter]):
    """Your payouts, newest first."""
    seller = _seller(request, "seller:read")
    payouts, next_cursor = page_of(selectors.payouts_for_seller(seller), query)
    return SellerPayoutPageOut(
        items=[seller_payout_out(p) for p in payouts], next_cursor=next_cursor
    )


@router.get("/seller/payouts/{public_id}", response=SellerPayoutOut)
def get_payout(request, public_id: str):
    seller = _seller(request, "seller:read")
    return seller_payout_out(selectors.payout_for_seller(seller, public_id))


@router.post("/seller/payouts", response={201: SellerPayoutOut})
@idempotent
def request_payout(request, payload: PayoutRequestIn):
    """Withdraw part or all of your available balance to your verified payout account.
    409 `insufficient_balance` above it, 422 `payout_below_minimum` under the minimum,
    409 `payout_account_missing` without an account."""
    seller = _seller(request, "seller:write")
    if not is_known_currency(payload.currency):
        raise InvalidInput(fields={"currency": [_("Unknown currency.")]})
    payout = services.request_payout(
        seller=seller, currency=payload.currency, amount_minor=payload.amount_minor,
        now=clock.now(), actor=request.auth,
    )  # fmt: skip
    return Status(201, seller_payout_out(payout))


# --- finance staff -----------------------------------------------------------------------------


def _staff(request, permission: str) -> None:
    """Finance staff from a session only; everyone else is told nothing is here."""
    if getattr(request, "api_token", None) is not None:
        raise InsufficientScope()
    user = request.auth
    if not (user.is_active and user.is_staff and user.has_perm(permission)):
        raise NotFound()


def _staff_payouts(status: str | None) -> QuerySet[Payout]:
    if status is None:
        return selectors.payouts_queue()
    return Payout.objects.filter(status=status).select_related("seller", "batch")


@router.get("/finance/payouts", response=StaffPayoutPageOut)
def list_finance_payouts(request, query: Query[StaffPayoutFilter]):
    """Payouts of every seller, newest first: open ones (requested, approved, exported) by
    default, or those in `status`."""
    _staff(request, MANAGE_PAYOUTS)
    payouts, next_cursor = page_of(_staff_payouts(query.status), query)
    return StaffPayoutPageOut(items=[staff_payout_out(p) for p in payouts], next_cursor=next_cursor)


def _payout(public_id: str) -> Payout:
    found = (
        Payout.objects.select_related("seller", "batch")
        .filter(public_id=str(public_id)[:24])
        .first()
    )
    if found is None:
        raise PayoutNotFound()
    return found


def _refreshed(payout: Payout) -> StaffPayoutOut:
    return staff_payout_out(_payout(payout.public_id))


@router.post("/finance/payouts/{public_id}/approve", response=StaffPayoutOut)
@idempotent
def approve_payout(request, public_id: str):
    """A requested payout goes into the next bank batch (409 from any other status)."""
    _staff(request, MANAGE_PAYOUTS)
    payout = services.approve_payout(payout=_payout(public_id), actor=request.auth, now=clock.now())
    return _refreshed(payout)


@router.post("/finance/payouts/{public_id}/paid", response=StaffPayoutOut)
@idempotent
def mark_payout_paid(request, public_id: str):
    """The bank confirmed an exported payout: the money has left the platform."""
    _staff(request, MANAGE_PAYOUTS)
    payout = services.mark_payout_paid(
        payout=_payout(public_id), actor=request.auth, now=clock.now()
    )
    return _refreshed(payout)


@router.post("/finance/payouts/{public_id}/failed", response=StaffPayoutOut)
@idempotent
def mark_payout_failed(request, public_id: str, payload: PayoutFailIn):
    """Refused, or returned by the bank: the amount goes back to the seller's balance."""
    _staff(request, MANAGE_PAYOUTS)
    payout = services.mark_payout_failed(
        payout=_payout(public_id), actor=request.auth, reason=payload.reason, now=clock.now()
    )
    return _refreshed(payout)


@router.get("/finance/ledger-check", response=LedgerCheckOut)
def ledger_check(request):
    """Re-verifies every ledger invariant; `ok` with no problems when all hold."""
    _staff(request, CHECK_LEDGER)
    problems = selectors.check_invariants()
    return LedgerCheckOut(ok=not problems, problems=problems, checked_at=clock.now())
