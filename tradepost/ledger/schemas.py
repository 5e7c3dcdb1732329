"""API shapes of balances, statements and payouts: separate seller and staff outputs.

A seller sees its own balances, its statement lines (never ledger account codes or other
sellers' postings) and its payouts with the account masked to the last four characters. Finance
staff see every payout with the seller it belongs to, still masked (the bank file carries the
full account). Money is `{minor, currency}` (money.schemas.MoneyOut), as everywhere in the API.
"""

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.money.schemas import MAX_MINOR, MoneyOut

MAX_STATEMENT_ROWS = 500
MAX_PAYOUTS = 100
_CURRENCY = "^[A-Z]{3}$"
_PAYOUT_STATUSES = "^(requested|approved|exported|paid|failed)$"


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# --- inputs ------------------------------------------------------------------------------------


class StatementFilter(Schema):
    currency: str = Field(pattern=_CURRENCY, description="ISO 4217 code, e.g. EUR")
    start: dt.date = Field(description="first day of the period (UTC), included")
    end: dt.date = Field(description="last day of the period (UTC), included; not before start")
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(100, ge=1, le=MAX_STATEMENT_ROWS)


class PayoutListFilter(Schema):
    cursor: str | None = Field(None, max_length=400)
    limit: int = Field(25, ge=1, le=MAX_PAYOUTS)


class StaffPayoutFilter(PayoutListFilter):
    status: str | None = Field(
        None, pattern=_PAYOUT_STATUSES, description="Only payouts in this status; default: open"
    )


class PayoutRequestIn(_In):
    currency: str = Field(pattern=_CURRENCY)
    amount_minor: int = Field(
        gt=0, le=MAX_MINOR, description="minor units; at most the available balance"
    )


class PayoutFailIn(_In):
    reason: str = Field(min_length=1, max_length=500, description="why the bank returned it")


# --- seller ------------------------------------------------------------------------------------


class BalanceOut(Schema):
    currency: str
    in_escrow: MoneyOut = Field(description="paid orders not yet released to you")
    available: MoneyOut = Field(description="what you can withdraw now")
    in_payout: MoneyOut = Field(description="requested payouts on their way to your account")
    payout_minimum: MoneyOut


class BalancesOut(Schema):
    items: list[BalanceOut]


class StatementRowOut(Schema):
    at: dt.datetime
    kind: str = Field(description="release, payout_requested, payout_failed, …")
    description: str
    order: str | None = Field(description="public id of the order, if the entry has one")
    amount: MoneyOut = Field(description="+ credited to you, − debited")
    balance: MoneyOut = Field(description="running balance after this entry")


class StatementOut(Schema):
    currency: str
    start: dt.date
    end: dt.date
    opening: MoneyOut = Field(description="balance at the start of `start`")
    closing: MoneyOut = Field(description="balance at the end of `end`")
    items: list[StatementRowOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next rows; null at end")


class SellerPayoutOut(Schema):
    public_id: str
    status: str = Field(description="requested, approved, exported, paid or failed")
    amount: MoneyOut
    account_last4: str
    failure_reason: str
    created_at: dt.datetime
    status_changed_at: dt.datetime


class SellerPayoutPageOut(Schema):
    items: list[SellerPayoutOut]
    next_cursor: str | None


# --- staff -------------------------------------------------------------------------------------


class PayoutSellerOut(Schema):
    public_id: str
    legal_name: str


class StaffPayoutOut(SellerPayoutOut):
    seller: PayoutSellerOut
    account_holder: str
    account_country: str
    batch: str | None = Field(description="public id of the bank batch it was exported in")


class StaffPayoutPageOut(Schema):
    items: list[StaffPayoutOut]
    next_cursor: str | None


class LedgerCheckOut(Schema):
    ok: bool
    problems: list[str] = Field(description="empty when every invariant holds")
    checked_at: dt.datetime


# --- building outputs --------------------------------------------------------------------------


def money(minor: int, currency: str) -> MoneyOut:
    return MoneyOut(minor=minor, currency=currency)


def last4(number: str) -> str:
    return "".join(str(number or "").split())[-4:]


def _payout_common(payout) -> dict:
    return {
        "public_id": payout.public_id,
        "status": payout.status,
        "amount": money(payout.amount_minor, payout.currency),
        "account_last4": last4(payout.account_number),
        "failure_reason": payout.failure_reason,
        "created_at": payout.created_at,
        "status_changed_at": payout.status_changed_at,
    }


def seller_payout_out(payout) -> SellerPayoutOut:
    return SellerPayoutOut(**_payout_common(payout))


def staff_payout_out(payout) -> StaffPayoutOut:
    seller = payout.seller
    return StaffPayoutOut(
        **_payout_common(payout),
        seller=PayoutSellerOut(public_id=seller.public_id, legal_name=seller.legal_name),
        account_holder=payout.account_holder,
        account_country=payout.account_country,
        batch=payout.batch.public_id if payout.batch_id else None,
    )
