"""Ledger writes: every money movement is one balanced journal entry (DESIGN.md §4).

Each function posts ONE entry, balanced per currency, idempotent by its `reference` (a repeat
returns the entry already posted and writes nothing), inside the caller's transaction (it opens
a savepoint of its own). Guards that read a balance lock a row first, so concurrent calls cannot
overdraw: the order row for escrow, the account row for deposits and payouts.

Sign convention: + debit, − credit (see ledger.models).
"""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from tradepost.ledger import accounts, release
from tradepost.ledger.errors import (
    ExceedsEscrow,
    InvalidAmount,
    LedgerError,
    NothingInEscrow,
    NothingToReturn,
)
from tradepost.ledger.journal import Leg, existing, post
from tradepost.ledger.models import Account, EntryKind, JournalEntry
from tradepost.ledger.payouts import (
    approve_payout,
    export_payout_batch,
    mark_payout_failed,
    mark_payout_paid,
    request_payout,
    transition_payout,
)
from tradepost.ledger.selectors import escrow_by_order, raw_balance
from tradepost.orders.models import Order

__all__ = [
    "Leg",
    "approve_payout",
    "export_payout_batch",
    "mark_payout_failed",
    "mark_payout_paid",
    "post",
    "record_capture",
    "record_deposit_paid",
    "record_refund",
    "record_refund_sent",
    "release_escrow",
    "request_payout",
    "return_deposit",
    "transition_payout",
]


def _positive(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise InvalidAmount()
    return amount


def _locked_order(order) -> Order:
    """The order row locked for the rest of the transaction (escrow guards read after this)."""
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("store__seller")
        .get(pk=order.pk)
    )


def record_capture(
    *, reference: str, currency: str, per_order: Sequence[tuple[Order, int]], now: dt.datetime
) -> JournalEntry:
    """A checkout's payment captured: gateway clearing (debit, the total) → escrow (credit, one
    posting per order, tied to it)."""
    if not per_order:
        raise InvalidAmount()
    legs = []
    for order, amount in per_order:
        if order.currency != currency:
            raise LedgerError(order=order.public_id, currency=currency)
        legs.append(Leg(accounts.escrow(currency), -_positive(amount), order.pk))
    legs.append(Leg(accounts.gateway_clearing(currency), sum(-leg.amount_minor for leg in legs)))
    return post(
        reference=reference,
        kind=EntryKind.CAPTURE,
        legs=legs,
        now=now,
        memo=f"checkout payment for {len(legs) - 1} order(s)",
    )


def record_refund(
    *, reference: str, order: Order, amount_minor: int, now: dt.datetime
) -> JournalEntry:
    """Money back to the buyer before release: escrow (debit, the order's) → refunds owed
    (credit), until the gateway confirms it sent the money (`record_refund_sent`). Refuses more
    than the order still holds in escrow (ExceedsEscrow)."""
    found = existing(reference)
    if found is not None:
        return found
    _positive(amount_minor)
    with transaction.atomic():
        order = _locked_order(order)
        if amount_minor > escrow_by_order(order):
            raise ExceedsEscrow(order=order.public_id)
        return post(
            reference=reference,
            kind=EntryKind.REFUND,
            legs=[
                Leg(accounts.escrow(order.currency), amount_minor, order.pk),
                Leg(accounts.refunds(order.currency), -amount_minor, order.pk),
            ],
            now=now,
            memo=f"refund of order {order.public_id}",
        )


def record_refund_sent(
    *, reference: str, order: Order, amount_minor: int, now: dt.datetime
) -> JournalEntry:
    """The gateway confirmed a refund recorded by `record_refund`: refunds owed (debit) →
    gateway clearing (credit)."""
    _positive(amount_minor)
    return post(
        reference=reference,
        kind=EntryKind.REFUND_SENT,
        legs=[
            Leg(accounts.refunds(order.currency), amount_minor, order.pk),
            Leg(accounts.gateway_clearing(order.currency), -amount_minor, order.pk),
        ],
        now=now,
        memo=f"refund of order {order.public_id} sent through the gateway",
    )


def release_escrow(*, order: Order, now: dt.datetime) -> JournalEntry:
    """The order is complete: its escrow goes to the seller's payable balance (store currency),
    commission revenue and tax payable; the platform pays its coupons (see ledger.release for the
    exact rule). Reference `release:<order public id>`; a second call returns the first entry."""
    reference = f"release:{order.public_id}"
    found = existing(reference)
    if found is not None:
        return found
    with transaction.atomic():
        order = _locked_order(order)
        held = escrow_by_order(order)
        if held <= 0:
            raise NothingInEscrow(order=order.public_id)
        part = release.split(order, held, now.date())
        return post(
            reference=reference,
            kind=EntryKind.RELEASE,
            legs=release.legs(order, part),
            now=now,
            memo=f"order {order.public_id} completed",
        )


def record_deposit_paid(
    *, reference: str, seller, currency: str, amount_minor: int, now: dt.datetime
) -> JournalEntry:
    """The seller paid a security deposit: gateway clearing (debit) → seller deposit (credit)."""
    amount = _positive(amount_minor)
    return post(
        reference=reference,
        kind=EntryKind.DEPOSIT_PAID,
        legs=[
            Leg(accounts.gateway_clearing(currency), amount),
            Leg(accounts.seller_deposit(seller, currency), -amount),
        ],
        now=now,
        memo="seller deposit",
    )


def return_deposit(*, reference: str, seller, currency: str, now: dt.datetime) -> JournalEntry:
    """All of the seller's deposit in `currency` goes back to its card/account: seller deposit
    (debit) → gateway clearing (credit). NothingToReturn when none is held."""
    found = existing(reference)
    if found is not None:
        return found
    with transaction.atomic():
        account = accounts.seller_deposit(seller, currency)
        Account.objects.select_for_update(no_key=True).get(pk=account.pk)  # serialise returns
        held = -raw_balance(account)
        if held <= 0:
            raise NothingToReturn()
        return post(
            reference=reference,
            kind=EntryKind.DEPOSIT_RETURNED,
            legs=[Leg(account, held), Leg(accounts.gateway_clearing(currency), -held)],
            now=now,
            memo="seller deposit returned",
        )
