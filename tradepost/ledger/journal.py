"""`post()`: the only writer of journal entries and postings.

An entry is balanced per currency (Σ amount_minor == 0 for each currency), idempotent by its
`reference` (a repeat returns the first entry and writes nothing, also when two transactions post
the same reference at once), and written all-or-nothing in a savepoint of the caller's
transaction.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from tradepost.ledger.errors import InvalidLegs, ReferenceConflict, UnbalancedEntry
from tradepost.ledger.models import Account, JournalEntry, Posting

MAX_REFERENCE = 200
MAX_MEMO = 500


@dataclass(frozen=True)
class Leg:
    """One posting to be: `amount_minor` in the account's currency, + debit / − credit;
    `order_id` ties it to an order's sub-ledger (escrow postings always have one)."""

    account: Account
    amount_minor: int
    order_id: int | None = None


def existing(reference: str) -> JournalEntry | None:
    return JournalEntry.objects.filter(reference=reference).first()


def _checked(legs: Sequence[Leg]) -> list[Leg]:
    """Zero legs dropped; refuses non-integers, fewer than two legs and any unbalanced currency."""
    kept = []
    for leg in legs:
        amount = leg.amount_minor
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise InvalidLegs()
        if amount:
            kept.append(leg)
    if len(kept) < 2:
        raise InvalidLegs()
    sums: dict[str, int] = defaultdict(int)
    for leg in kept:
        sums[leg.account.currency] += leg.amount_minor
    if any(sums.values()):
        unbalanced = {currency: total for currency, total in sums.items() if total}
        raise UnbalancedEntry(unbalanced=unbalanced)
    return kept


def _signature(legs) -> list[tuple[int, int, int | None]]:
    return sorted((leg.account_id, leg.amount_minor, leg.order_id) for leg in legs)


def _same_or_conflict(entry: JournalEntry, kind: str, legs: list[Leg]) -> JournalEntry:
    wanted = _signature(
        Posting(account_id=leg.account.pk, amount_minor=leg.amount_minor, order_id=leg.order_id)
        for leg in legs
    )
    if entry.kind != kind or _signature(entry.postings.all()) != wanted:
        raise ReferenceConflict(reference=entry.reference)
    return entry


def post(
    *,
    reference: str,
    kind: str,
    legs: Sequence[Leg],
    now: dt.datetime,
    memo: str = "",
    corrects: JournalEntry | None = None,
) -> JournalEntry:
    """Write one balanced entry, or return the entry already posted under `reference`.

    A repeat must describe the same movement (kind and legs), else ReferenceConflict. Raises
    UnbalancedEntry / InvalidLegs before writing anything. `now` is the entry's effective time.
    """
    if not reference or len(reference) > MAX_REFERENCE:
        raise InvalidLegs(reference=reference)
    kept = _checked(legs)
    found = existing(reference)
    if found is not None:
        return _same_or_conflict(found, kind, kept)
    try:
        with transaction.atomic():
            entry = JournalEntry.objects.create(
                reference=reference,
                kind=kind,
                memo=memo[:MAX_MEMO],
                corrects=corrects,
                effective_at=now,
                created_at=now,
            )
            Posting.objects.bulk_create(
                Posting(
                    entry=entry,
                    account=leg.account,
                    currency=leg.account.currency,
                    amount_minor=leg.amount_minor,
                    order_id=leg.order_id,
                )
                for leg in kept
            )
    except IntegrityError:
        found = existing(reference)  # another transaction posted it first and has committed
        if found is None:
            raise
        return _same_or_conflict(found, kind, kept)
    return entry
