"""A payout's status: data only (the one transition function is ledger.payouts.transition_payout).

requested → approved → exported → paid. A payout fails from requested, approved or exported
(refused by finance, or returned by the bank): its money goes back to the seller's payable balance.
"""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class PayoutStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    EXPORTED = "exported", _("Sent to the bank")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


ALLOWED: Final[dict[str, frozenset[str]]] = {
    PayoutStatus.REQUESTED: frozenset({PayoutStatus.APPROVED, PayoutStatus.FAILED}),
    PayoutStatus.APPROVED: frozenset({PayoutStatus.EXPORTED, PayoutStatus.FAILED}),
    PayoutStatus.EXPORTED: frozenset({PayoutStatus.PAID, PayoutStatus.FAILED}),
    PayoutStatus.PAID: frozenset(),
    PayoutStatus.FAILED: frozenset(),
}

# The seller's money is on its way out: counted as "in payout" in the seller's balances.
IN_FLIGHT: Final = frozenset({PayoutStatus.REQUESTED, PayoutStatus.APPROVED, PayoutStatus.EXPORTED})


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())
