"""`check_invariants()`: re-verifies the whole ledger (RELIABILITY.md §3). Tests and the finance
console's "check the ledger" button both run it; an empty list means all is well."""

from django.db import connection
from django.db.models import Count, F, Q, Sum

from tradepost.ledger import triggers
from tradepost.ledger.models import AccountKind, Posting

# Orders whose money may sit in escrow: paid and not yet completed, cancelled or refunded.
OPEN_ORDER_STATUSES = ("paid", "shipped", "delivered")
_LIMIT = 20  # problems listed per check; the rest are counted


def _capped(problems: list[str], label: str) -> list[str]:
    if len(problems) <= _LIMIT:
        return problems
    return [*problems[:_LIMIT], f"{label}: {len(problems) - _LIMIT} more"]


def _unbalanced_entries() -> list[str]:
    rows = (
        Posting.objects.values_list("entry__reference", "currency")
        .annotate(total=Sum("amount_minor"), n=Count("id"))
        .exclude(total=0)
        .order_by("entry__reference")
    )
    return _capped(
        [f"entry {ref} does not balance in {cur}: {total:+d}" for ref, cur, total, _n in rows],
        "unbalanced entries",
    )


def _global_sums() -> list[str]:
    rows = Posting.objects.values_list("currency").annotate(total=Sum("amount_minor"))
    return [f"{cur}: all accounts sum to {total:+d}, not 0" for cur, total in rows if total]


def _currency_mismatches() -> list[str]:
    count = Posting.objects.exclude(currency=F("account__currency")).count()
    return [f"{count} posting(s) in a currency other than their account's"] if count else []


def _escrow_by_order() -> list[str]:
    escrow = Posting.objects.filter(account__kind=AccountKind.ESCROW)
    problems = []
    loose = escrow.filter(order__isnull=True).count()
    if loose:
        problems.append(f"{loose} escrow posting(s) without an order")
    per_order = (
        escrow.filter(order__isnull=False)
        .values_list("order__public_id", "order__status")
        .annotate(held=-Sum("amount_minor"))
        .exclude(held=0)
        .order_by("order__public_id")
    )
    for public_id, status, held in per_order:
        if held < 0:
            problems.append(f"order {public_id}: escrow negative ({held})")
        elif status not in OPEN_ORDER_STATUSES:
            problems.append(f"order {public_id} is {status} but still holds {held} in escrow")
    return _capped(problems, "escrow problems")


def _negative_sellers() -> list[str]:
    rows = (
        Posting.objects.filter(
            Q(account__kind=AccountKind.SELLER_PAYABLE)
            | Q(account__kind=AccountKind.SELLER_DEPOSIT)
        )
        .values_list("account__code")
        .annotate(total=-Sum("amount_minor"))
        .filter(total__lt=0)
        .order_by("account__code")
    )
    return _capped(
        [f"account {code} is negative: {total}" for code, total in rows], "negative sellers"
    )


def _triggers() -> list[str]:
    if connection.vendor not in ("postgresql", "sqlite"):
        return []
    missing = triggers.expected_names() - triggers.installed(connection)
    return [f"append-only trigger missing: {name}" for name in sorted(missing)]


def check_invariants() -> list[str]:
    """Every problem found, as a sentence (empty = the ledger is sound):

    1. every journal entry balances per currency; 2. all accounts sum to zero per currency;
    3. every posting is in its account's currency; 4. escrow is held only by open orders (paid,
    shipped, delivered), is never negative per order, and every escrow posting names its order —
    so the escrow balance equals paid − refunded − released over open orders; 5. no seller
    payable or deposit account is negative; 6. the append-only triggers are in place.
    """
    return [
        *_unbalanced_entries(),
        *_global_sums(),
        *_currency_mismatches(),
        *_escrow_by_order(),
        *_negative_sellers(),
        *_triggers(),
    ]
