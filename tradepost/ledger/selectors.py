"""Ledger reads: balances derived from postings, seller statements, the finance console's figures.

Tenancy: the seller selectors take the seller and read only its accounts and payouts; pages pass
the signed-in seller, never one from the request. Amounts are integer minor units.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from tradepost.ledger.errors import PayoutNotFound
from tradepost.ledger.invariants import OPEN_ORDER_STATUSES, check_invariants
from tradepost.ledger.models import Account, AccountKind, Payout, Posting
from tradepost.ledger.states import IN_FLIGHT

__all__ = [
    "Balances",
    "Statement",
    "StatementRow",
    "account_balance",
    "check_invariants",
    "commission_revenue_by_month",
    "escrow_by_order",
    "escrow_total_by_currency",
    "payout_for_seller",
    "payouts_for_seller",
    "payouts_queue",
    "raw_balance",
    "seller_balances",
    "statement",
    "tax_payable_by_jurisdiction",
]


def _sum(postings) -> int:
    return postings.aggregate(total=Sum("amount_minor"))["total"] or 0


def raw_balance(account: Account) -> int:
    """Σ of the account's postings as signed (+ debit, − credit)."""
    return _sum(Posting.objects.filter(account=account))


def account_balance(account: Account) -> int:
    """The account's balance on its normal side: positive means "holds money" — for escrow,
    seller payable, tax, commission, payouts in transit (credit-normal) that is what is owed or
    earned; for gateway clearing and platform promotions (debit-normal) what is held or spent."""
    raw = raw_balance(account)
    return raw if account.debit_normal else -raw


def escrow_by_order(order) -> int:
    """What the order holds in escrow now, in its (buyer's) currency: captured − refunded −
    released. Never negative when the ledger is sound."""
    return -_sum(Posting.objects.filter(order_id=order.pk, account__kind=AccountKind.ESCROW))


@dataclass(frozen=True)
class Balances:
    """A seller's money in one settlement currency.

    - `in_escrow`: paid by buyers for its open orders (paid, shipped, delivered), not yet
      released: each order's escrow converted from the buyer's currency at the order's own rate.
      Gross: commission is taken only at release, so the seller will receive less.
    - `available`: released to the seller and not yet requested as a payout (its payable account).
    - `in_payout`: requested, approved or exported payouts not yet paid or failed.
    """

    in_escrow: int = 0
    available: int = 0
    in_payout: int = 0


def _escrow_by_store_currency(seller) -> dict[str, int]:
    from tradepost.ledger.release import to_store_currency  # release imports accounts: lazy
    from tradepost.orders.models import Order

    held = dict(
        Posting.objects.filter(
            account__kind=AccountKind.ESCROW,
            order__store__seller=seller,
            order__status__in=OPEN_ORDER_STATUSES,
        )
        .values_list("order_id")
        .annotate(total=Sum("amount_minor"))
    )
    totals: dict[str, int] = defaultdict(int)
    for order in Order.objects.filter(pk__in=held).only("currency", "store_currency", "fx_rate"):
        if -held[order.pk] > 0:
            totals[order.store_currency] += to_store_currency(order, -held[order.pk])
    return totals


def seller_balances(seller) -> dict[str, Balances]:
    """{settlement currency: Balances} for every currency the seller has money in (see Balances)."""
    escrow = _escrow_by_store_currency(seller)
    available = dict(
        Posting.objects.filter(account__kind=AccountKind.SELLER_PAYABLE, account__seller=seller)
        .values_list("currency")
        .annotate(total=-Sum("amount_minor"))
    )
    in_payout = dict(
        Payout.objects.filter(seller=seller, status__in=IN_FLIGHT)
        .values_list("currency")
        .annotate(total=Sum("amount_minor"))
    )
    return {
        currency: Balances(
            in_escrow=escrow.get(currency, 0),
            available=available.get(currency, 0),
            in_payout=in_payout.get(currency, 0),
        )
        for currency in sorted(set(escrow) | set(available) | set(in_payout))
    }


@dataclass(frozen=True)
class StatementRow:
    """One posting of the seller's payable account. `amount_minor` > 0 is money to the seller
    (a release, a failed payout coming back), < 0 money out (a payout requested)."""

    effective_at: dt.datetime
    kind: str  # EntryKind value
    kind_label: str
    memo: str
    reference: str
    order_public_id: str | None
    amount_minor: int
    balance_minor: int  # running balance after this row


@dataclass(frozen=True)
class Statement:
    currency: str
    start: dt.datetime
    end: dt.datetime
    opening: int
    closing: int
    rows: list[StatementRow]


def statement(*, seller, currency: str, start: dt.datetime, end: dt.datetime) -> Statement:
    """The seller's payable (available) balance in `currency` over [start, end): opening balance,
    every posting in between with a running balance, closing balance. `closing` equals
    `seller_balances(seller)[currency].available` when `end` is after the last entry."""
    postings = Posting.objects.filter(
        account__kind=AccountKind.SELLER_PAYABLE, account__seller=seller, currency=currency
    )
    opening = -_sum(postings.filter(entry__effective_at__lt=start))
    rows, balance = [], opening
    period = (
        postings.filter(entry__effective_at__gte=start, entry__effective_at__lt=end)
        .select_related("entry", "order")
        .order_by("entry__effective_at", "entry_id", "id")
    )
    for posting in period:
        balance -= posting.amount_minor
        entry = posting.entry
        rows.append(
            StatementRow(
                effective_at=entry.effective_at,
                kind=entry.kind,
                kind_label=str(entry.get_kind_display()),
                memo=entry.memo,
                reference=entry.reference,
                order_public_id=posting.order.public_id if posting.order_id else None,
                amount_minor=-posting.amount_minor,
                balance_minor=balance,
            )
        )
    return Statement(currency, start, end, opening, balance, rows)


# --- finance console -----------------------------------------------------------------------------


def _credit_totals(kind: str, *fields: str) -> QuerySet:
    return (
        Posting.objects.filter(account__kind=kind)
        .values_list(*fields)
        .annotate(total=-Sum("amount_minor"))
        .order_by(*fields)
    )


def escrow_total_by_currency() -> dict[str, int]:
    """{currency: money held in escrow for buyers}."""
    return dict(_credit_totals(AccountKind.ESCROW, "currency"))


def commission_revenue_by_month() -> list[tuple[dt.date, str, int]]:
    """(first day of the month (UTC), currency, commission earned), oldest month first."""
    rows = (
        Posting.objects.filter(account__kind=AccountKind.COMMISSION_REVENUE)
        .annotate(month=TruncMonth("entry__effective_at", tzinfo=dt.UTC))
        .values_list("month", "currency")
        .annotate(total=-Sum("amount_minor"))
        .order_by("month", "currency")
    )
    return [(month.date(), currency, total) for month, currency, total in rows]


def tax_payable_by_jurisdiction() -> list[tuple[str, str, int]]:
    """(jurisdiction, currency, tax collected and owed), by jurisdiction."""
    return list(_credit_totals(AccountKind.TAX_PAYABLE, "account__jurisdiction", "currency"))


def payouts_queue() -> QuerySet[Payout]:
    """Payouts finance still has to act on (requested, approved, exported), oldest first."""
    return (
        Payout.objects.filter(status__in=IN_FLIGHT)
        .select_related("seller", "batch")
        .order_by("created_at", "id")
    )


def payouts_for_seller(seller) -> QuerySet[Payout]:
    return Payout.objects.filter(seller=seller).order_by("-created_at", "-id")


def payout_for_seller(seller, public_id) -> Payout:
    """The seller's payout by public id; another seller's is PayoutNotFound (404)."""
    found = (
        Payout.objects.filter(Q(seller=seller), public_id=str(public_id or "")[:24])
        .prefetch_related("events")
        .first()
    )
    if found is None:
        raise PayoutNotFound()
    return found
