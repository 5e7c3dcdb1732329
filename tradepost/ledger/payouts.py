"""Payouts: a seller withdraws its available balance; finance approves, exports a batch for the
bank, and marks each payout paid or failed. Every status change goes through `transition_payout`
(a PayoutEvent per change); every money movement is one journal entry:

  requested: seller_payable[seller] (debit) → payouts_in_transit (credit)
  paid:      payouts_in_transit (debit)     → gateway_clearing (credit: the money left us)
  failed:    payouts_in_transit (debit)     → seller_payable[seller] (credit: back to the seller)
"""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tradepost.ledger import accounts, states
from tradepost.ledger.errors import (
    BelowPayoutMinimum,
    IllegalPayoutTransition,
    InsufficientBalance,
    InvalidAmount,
    NothingToExport,
    PayoutAccountMissing,
    PayoutsOnHold,
)
from tradepost.ledger.journal import Leg, post
from tradepost.ledger.models import Account, EntryKind, Payout, PayoutBatch, PayoutEvent
from tradepost.ledger.selectors import raw_balance
from tradepost.ledger.states import PayoutStatus
from tradepost.money import currencies
from tradepost.money.money import Money, format_money
from tradepost.sellers.states import SellerStatus

DEFAULT_MINIMUM_MAJOR = 10  # units of a currency settings.PAYOUT_MINIMUM_MINOR does not list
MAX_REASON = 1000
CSV_COLUMNS = ("payout_id", "beneficiary", "account", "country", "currency", "amount", "reference")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def payout_minimum(currency: str) -> int:
    """The smallest payout in `currency`, minor units (settings.PAYOUT_MINIMUM_MINOR)."""
    table = getattr(settings, "PAYOUT_MINIMUM_MINOR", {})
    if currency in table:
        return int(table[currency])
    return DEFAULT_MINIMUM_MAJOR * 10 ** currencies.exponent(currency)


def transition_payout(
    *, payout: Payout, to: str, actor=None, reason: str = "", now: dt.datetime
) -> Payout:
    """Move `payout` to `to` if the table allows it from its current (locked) status and write
    the event. The only code that changes `Payout.status`."""
    with transaction.atomic():
        locked = Payout.objects.select_for_update().get(pk=payout.pk)
        if not states.can_move(locked.status, to):
            raise IllegalPayoutTransition(current=locked.status, target=to)
        previous = locked.status
        Payout.objects.filter(pk=locked.pk, status=previous).update(
            status=to, status_changed_at=now
        )
        PayoutEvent.objects.create(
            payout=locked,
            from_status=previous,
            to_status=to,
            actor=actor,
            reason=reason[:MAX_REASON],
            created_at=now,
        )
    locked.status = payout.status = to
    locked.status_changed_at = payout.status_changed_at = now
    return locked


def _check_amount(currency: str, amount_minor) -> int:
    if isinstance(amount_minor, bool) or not isinstance(amount_minor, int) or amount_minor <= 0:
        raise InvalidAmount()
    minimum = payout_minimum(currency)
    if amount_minor < minimum:
        message = _("The minimum payout is %(amount)s.") % {
            "amount": format_money(Money(minimum, currency))
        }
        raise BelowPayoutMinimum(message, fields={"amount_minor": [message]}, minimum=minimum)
    return amount_minor


def request_payout(*, seller, currency: str, amount_minor: int, now: dt.datetime, actor) -> Payout:
    """The seller withdraws `amount_minor` of its available `currency` balance to its payout
    account (snapshotted on the payout). Refused below the minimum, above the available balance
    (the payable account row is locked first, so concurrent requests cannot overdraw) or without
    a payout account, or while the seller is not verified (suspended: PayoutsOnHold)."""
    if seller.status != SellerStatus.VERIFIED:
        raise PayoutsOnHold()
    amount = _check_amount(currency, amount_minor)
    number = seller.payout_iban or seller.payout_account
    if not number:
        raise PayoutAccountMissing()
    with transaction.atomic():
        payable = accounts.seller_payable(seller, currency)
        Account.objects.select_for_update(no_key=True).get(pk=payable.pk)
        if amount > -raw_balance(payable):
            raise InsufficientBalance()
        payout = Payout.objects.create(
            seller=seller,
            currency=currency,
            amount_minor=amount,
            status=PayoutStatus.REQUESTED,
            status_changed_at=now,
            account_holder=seller.legal_name or seller.email,
            account_number=number,
            account_country=str(seller.payout_country or ""),
            requested_by=actor,
            created_at=now,
        )
        PayoutEvent.objects.create(
            payout=payout, from_status="", to_status=payout.status, actor=actor, created_at=now
        )
        post(
            reference=f"payout:{payout.public_id}:requested",
            kind=EntryKind.PAYOUT_REQUESTED,
            legs=[Leg(payable, amount), Leg(accounts.payouts_in_transit(currency), -amount)],
            now=now,
            memo=f"payout {payout.public_id} requested",
        )
    return payout


def approve_payout(*, payout: Payout, actor, now: dt.datetime) -> Payout:
    """Finance approves a requested payout for the next batch."""
    return transition_payout(payout=payout, to=PayoutStatus.APPROVED, actor=actor, now=now)


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _amount_text(payout: Payout) -> str:
    exponent = currencies.exponent(payout.currency)
    return f"{Decimal(payout.amount_minor).scaleb(-exponent):.{exponent}f}"


def batch_csv(payouts) -> str:
    """The bank file: one row per payout, amounts in major units with the currency's decimals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for payout in payouts:
        writer.writerow(
            _cell(value)
            for value in (
                payout.public_id,
                payout.account_holder,
                payout.account_number,
                payout.account_country,
                payout.currency,
                _amount_text(payout),
                f"tradepost payout {payout.public_id}",
            )
        )
    return buffer.getvalue()


def export_payout_batch(*, actor, now: dt.datetime) -> tuple[PayoutBatch, str]:
    """Every approved payout, oldest first, into one batch: each becomes exported and the batch
    keeps the CSV text (returned too). NothingToExport when none is approved."""
    with transaction.atomic():
        approved = list(
            Payout.objects.select_for_update()
            .filter(status=PayoutStatus.APPROVED)
            .order_by("created_at", "id")
        )
        if not approved:
            raise NothingToExport()
        text = batch_csv(approved)
        batch = PayoutBatch.objects.create(
            created_by=actor, created_at=now, payout_count=len(approved), csv_text=text
        )
        for payout in approved:
            transition_payout(
                payout=payout,
                to=PayoutStatus.EXPORTED,
                actor=actor,
                reason=batch.public_id,
                now=now,
            )
        Payout.objects.filter(pk__in=[p.pk for p in approved]).update(batch=batch)
    return batch, text


def mark_payout_paid(*, payout: Payout, actor, now: dt.datetime) -> Payout:
    """The bank confirmed the transfer: the money has left the platform."""
    with transaction.atomic():
        payout = transition_payout(payout=payout, to=PayoutStatus.PAID, actor=actor, now=now)
        amount = payout.amount_minor
        post(
            reference=f"payout:{payout.public_id}:paid",
            kind=EntryKind.PAYOUT_PAID,
            legs=[
                Leg(accounts.payouts_in_transit(payout.currency), amount),
                Leg(accounts.gateway_clearing(payout.currency), -amount),
            ],
            now=now,
            memo=f"payout {payout.public_id} paid",
        )
    return payout


def mark_payout_failed(*, payout: Payout, actor, reason: str = "", now: dt.datetime) -> Payout:
    """Refused by finance or returned by the bank: the amount goes back to the seller's
    available balance."""
    reason = (reason or "").strip()[:MAX_REASON]
    with transaction.atomic():
        payout = transition_payout(
            payout=payout, to=PayoutStatus.FAILED, actor=actor, reason=reason, now=now
        )
        Payout.objects.filter(pk=payout.pk).update(failure_reason=reason)
        payout.failure_reason = reason
        amount = payout.amount_minor
        post(
            reference=f"payout:{payout.public_id}:failed",
            kind=EntryKind.PAYOUT_FAILED,
            legs=[
                Leg(accounts.payouts_in_transit(payout.currency), amount),
                Leg(accounts.seller_payable(payout.seller, payout.currency), -amount),
            ],
            now=now,
            memo=f"payout {payout.public_id} failed",
        )
    return payout
