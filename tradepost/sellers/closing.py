"""A seller closes its store: refused while it still owes buyers or is owed money.

Closing moves the seller to CLOSED (sellers.services.transition_seller), which takes the store
and every listing off the storefront the same way a suspension does: public reads, carts and
the search index only show verified sellers. CLOSED is final. Each held deposit goes back to
the seller through the ledger (`ledger.services.return_deposit`) in the same transaction.

The orders and ledger apps build on sellers, so they are imported where they are used.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tradepost.notifications import outbox
from tradepost.sellers import deposits, errors
from tradepost.sellers.models import Seller, SellerDeposit
from tradepost.sellers.states import DepositStatus, SellerStatus

FINISHED_ORDERS = ("completed", "cancelled", "refunded")


def has_open_orders(seller: Seller) -> bool:
    from tradepost.orders.models import Order

    return Order.objects.filter(store__seller=seller).exclude(status__in=FINISHED_ORDERS).exists()


def seller_balances(seller: Seller) -> dict:
    """{currency: Balances(in_escrow, available, in_payout)} from the ledger."""
    from tradepost.ledger import selectors

    return selectors.seller_balances(seller)


def has_money(seller: Seller) -> bool:
    """Anything in escrow for its orders, payable to it, or on the way to its account."""
    parts = ("in_escrow", "available", "in_payout")
    return any(
        getattr(balances, part, 0)
        for balances in seller_balances(seller).values()
        for part in parts
    )


def obligations(seller: Seller) -> dict[str, list[str]]:
    """Why the store may not close yet, per topic; empty when it may."""
    found: dict[str, list[str]] = {}
    if has_open_orders(seller):
        found["orders"] = [_("Finish or cancel every open order first.")]
    if has_money(seller):
        found["balance"] = [
            _("Wait until no money is in escrow, and withdraw your available balance.")
        ]
    return found


def _return_deposit(*, reference: str, seller: Seller, currency: str, now: dt.datetime) -> None:
    from tradepost.ledger import services as ledger

    ledger.return_deposit(reference=reference, seller=seller, currency=currency, now=now)


def return_held_deposits(*, seller: Seller, now: dt.datetime) -> list[SellerDeposit]:
    """Every held deposit back to the seller: one ledger entry per currency, rows → returned.

    The entry's reference names the newest deposit it returns, so a retry posts nothing and a
    deposit held later gets its own entry."""
    held = list(
        SellerDeposit.objects.select_for_update()
        .filter(seller=seller, status=DepositStatus.HELD)
        .order_by("currency", "id")
    )
    for currency in sorted({d.currency for d in held}):
        newest = max((d for d in held if d.currency == currency), key=lambda d: d.pk)
        reference = f"deposit-return:{newest.public_id}"
        _return_deposit(reference=reference, seller=seller, currency=currency, now=now)
    for deposit in held:
        deposits.transition_deposit(
            deposit, to=DepositStatus.RETURNED, reason="store closed", now=now
        )
    return held


@transaction.atomic
def close_store(*, seller: Seller, now: dt.datetime) -> Seller:
    """Close a verified seller's store for good and give its deposits back.

    StoreNotOpen unless the seller is verified; StoreHasObligations (fields `orders`, `balance`)
    while it has open orders (any status but completed, cancelled, refunded) or a balance.
    """
    from tradepost.sellers import services  # services re-exports this function

    locked = Seller.objects.select_for_update().get(pk=seller.pk)
    if locked.status != SellerStatus.VERIFIED:
        raise errors.StoreNotOpen(status=locked.status)
    found = obligations(locked)
    if found:
        raise errors.StoreHasObligations(fields=found)
    services.transition_seller(
        locked, to=SellerStatus.CLOSED, actor=locked.user, reason="store closed", now=now
    )
    return_held_deposits(seller=locked, now=now)
    locked.user.groups.remove(services.seller_group())
    outbox.emit("seller.closed", {"seller": locked.public_id}, now=now)
    seller.status, seller.status_changed_at = locked.status, locked.status_changed_at
    return locked
