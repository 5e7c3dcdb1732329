"""A listing's status: data only (the one transition function is in services)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Pending review")
    ACTIVE = "active", _("Active")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


# Publishing a draft goes to ACTIVE, or to PENDING_REVIEW in a restricted category; staff approve
# (ACTIVE) or send it back (DRAFT). REMOVED is final.
ALLOWED: Final[dict[str, frozenset[str]]] = {
    ProductStatus.DRAFT: frozenset(
        {ProductStatus.PENDING_REVIEW, ProductStatus.ACTIVE, ProductStatus.REMOVED}
    ),
    ProductStatus.PENDING_REVIEW: frozenset(
        {ProductStatus.ACTIVE, ProductStatus.DRAFT, ProductStatus.REMOVED}
    ),
    ProductStatus.ACTIVE: frozenset({ProductStatus.HIDDEN, ProductStatus.REMOVED}),
    ProductStatus.HIDDEN: frozenset({ProductStatus.ACTIVE, ProductStatus.REMOVED}),
    ProductStatus.REMOVED: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())
