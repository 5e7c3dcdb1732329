"""Seller deposits: what a category asks before a seller may publish in it, paying it, holding it.

A category sets `deposit_minor` + `deposit_currency` (0 = none); a fee programme may waive it
(sellers.fees.deposit_required). The seller owes, per currency, the largest deposit any such
category asks, less what it already holds in that currency: one payment covers every category.

Status of a SellerDeposit: required (a payment was started) → held (the payment was captured:
`deposit_paid`, called by payments) → returned (sellers.closing.close_store).
`transition_deposit` is the only place the status changes; it writes a SellerDepositEvent.
The money itself is in the ledger (seller deposit account); these rows say why it is there.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Sum

from tradepost.sellers import errors, fees
from tradepost.sellers.models import Seller, SellerDeposit, SellerDepositEvent
from tradepost.sellers.states import DepositStatus, SellerStatus, deposit_can_move


@dataclass(frozen=True)
class DepositDue:
    currency: str
    required_minor: int  # the largest deposit a category asks in this currency
    held_minor: int
    categories: list[Any] = field(default_factory=list)

    @property
    def owed_minor(self) -> int:
        return max(self.required_minor - self.held_minor, 0)


def held_minor(*, seller: Seller, currency: str) -> int:
    held = SellerDeposit.objects.filter(
        seller=seller, currency=currency, status=DepositStatus.HELD
    ).aggregate(total=Sum("amount_minor"))["total"]
    return held or 0


def missing_deposit(*, seller: Seller, category, on: dt.date) -> tuple[int, str] | None:
    """(amount still owed, currency) before the seller may publish in `category`, or None."""
    needed = fees.deposit_required(seller=seller, category=category, on=on)
    if needed is None:
        return None
    amount, currency = needed
    owed = amount - held_minor(seller=seller, currency=currency)
    return (owed, currency) if owed > 0 else None


def check_can_publish(*, seller: Seller, category, on: dt.date) -> None:
    """The publish gate (catalog services): DepositRequired while the deposit is not held."""
    missing = missing_deposit(seller=seller, category=category, on=on)
    if missing is not None:
        raise errors.DepositRequired(amount_minor=missing[0], currency=missing[1])


def deposits_due(*, seller: Seller, categories: Iterable, on: dt.date) -> list[DepositDue]:
    """Per currency, what the given categories ask of this seller and what it holds."""
    by_currency: dict[str, list] = {}
    for category in categories:
        if fees.deposit_required(seller=seller, category=category, on=on) is not None:
            by_currency.setdefault(category.deposit_currency, []).append(category)
    return [
        DepositDue(
            currency=currency,
            required_minor=max(c.deposit_minor for c in asking),
            held_minor=held_minor(seller=seller, currency=currency),
            categories=asking,
        )
        for currency, asking in sorted(by_currency.items())
    ]


def transition_deposit(
    deposit: SellerDeposit, *, to: str, actor=None, reason: str = "", now: dt.datetime
) -> SellerDepositEvent:
    """The one place a deposit's status changes: checks the table, compare-and-set, event row."""
    current = deposit.status
    if not deposit_can_move(current, to):
        raise errors.IllegalDepositTransition(current=current, target=to)
    stamps = {DepositStatus.HELD: "held_at", DepositStatus.RETURNED: "returned_at"}
    changes = {"status": to, stamps[to]: now}
    with transaction.atomic():
        if SellerDeposit.objects.filter(pk=deposit.pk, status=current).update(**changes) != 1:
            raise errors.IllegalDepositTransition(current=current, target=to)
        for name, value in changes.items():
            setattr(deposit, name, value)
        return SellerDepositEvent.objects.create(
            deposit=deposit, from_status=current, to_status=to, actor=actor, reason=reason,
            created_at=now,
        )  # fmt: skip


def _lock(seller: Seller) -> Seller:
    return Seller.objects.select_for_update().get(pk=seller.pk)


def _open_row(seller: Seller, currency: str) -> SellerDeposit | None:
    return (
        SellerDeposit.objects.select_for_update()
        .filter(seller=seller, currency=currency, status=DepositStatus.REQUIRED)
        .first()
    )


def pay_deposit(*, seller: Seller, currency: str, categories: Iterable, now: dt.datetime):
    """Start paying what the seller owes in `currency`; returns payments' intent.

    `categories` are those that may ask a deposit (the caller reads them from the catalog).
    The required row records the attempt; the payment intent (payments.services) carries the
    URL of the gateway's hosted page.
    """
    with transaction.atomic():
        locked = _lock(seller)
        if locked.status != SellerStatus.VERIFIED:
            raise errors.StoreNotOpen()
        due = deposits_due(seller=locked, categories=categories, on=now.date())
        owed = next((d.owed_minor for d in due if d.currency == currency), 0)
        if owed <= 0:
            raise errors.NoDepositDue(currency=currency)
        row = _open_row(locked, currency)
        if row is None:
            SellerDeposit.objects.create(
                seller=locked, currency=currency, amount_minor=owed, created_at=now
            )
        elif row.amount_minor != owed:
            row.amount_minor = owed
            row.save(update_fields=["amount_minor"])
    return start_payment(seller=locked, amount_minor=owed, currency=currency, now=now)


def payment_page(intent) -> str:
    """The gateway's hosted page the seller pays the intent on ("" when nothing is left to do)."""
    from tradepost.payments import services as payments

    return payments.next_url(intent)


def start_payment(*, seller: Seller, amount_minor: int, currency: str, now: dt.datetime):
    from tradepost.payments import services as payments  # payments builds on sellers

    return payments.start_deposit_payment(
        seller=seller, amount_minor=amount_minor, currency=currency, now=now
    )


@transaction.atomic
def deposit_paid(*, seller: Seller, intent, now: dt.datetime) -> SellerDeposit:
    """Payments captured a deposit payment: the deposit is held. Idempotent per intent.

    The amount and currency are the intent's (what was captured). A payment captured after the
    store closed is returned at once (payments posts the ledger's deposit entry first).
    """
    if getattr(intent, "seller_id", seller.pk) != seller.pk:
        raise ValueError("the payment intent is another seller's")
    locked = _lock(seller)
    done = SellerDeposit.objects.filter(payment_ref=intent.public_id).first()
    if done is not None:
        return done
    row = _open_row(locked, intent.currency)
    if row is None:
        row = SellerDeposit(seller=locked, currency=intent.currency, created_at=now)
    row.amount_minor, row.payment_ref = intent.amount_minor, intent.public_id
    row.save()
    transition_deposit(row, to=DepositStatus.HELD, reason=f"payment {intent.public_id}", now=now)
    if locked.status == SellerStatus.CLOSED:
        from tradepost.sellers.closing import return_held_deposits

        return_held_deposits(seller=locked, now=now)
        row.refresh_from_db()
    return row
