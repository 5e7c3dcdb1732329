"""The seller's verification status: data only (the one transition function is in services)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class SellerStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


# Reinstating a suspended seller moves it back to VERIFIED (the event says "reinstated").
# A verified seller may close the store (sellers.closing.close_store); CLOSED is final.
ALLOWED: Final[dict[str, frozenset[str]]] = {
    SellerStatus.DRAFT: frozenset({SellerStatus.SUBMITTED}),
    SellerStatus.SUBMITTED: frozenset({SellerStatus.VERIFIED, SellerStatus.REJECTED}),
    SellerStatus.REJECTED: frozenset({SellerStatus.SUBMITTED}),
    SellerStatus.VERIFIED: frozenset({SellerStatus.SUSPENDED, SellerStatus.CLOSED}),
    SellerStatus.SUSPENDED: frozenset({SellerStatus.VERIFIED}),
}


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())


class DepositStatus(models.TextChoices):
    REQUIRED = "required", _("Awaiting payment")
    HELD = "held", _("Held")
    RETURNED = "returned", _("Returned")


DEPOSIT_ALLOWED: Final[dict[str, frozenset[str]]] = {
    DepositStatus.REQUIRED: frozenset({DepositStatus.HELD}),
    DepositStatus.HELD: frozenset({DepositStatus.RETURNED}),
    DepositStatus.RETURNED: frozenset(),
}


def deposit_can_move(current: str, target: str) -> bool:
    return target in DEPOSIT_ALLOWED.get(current, frozenset())
