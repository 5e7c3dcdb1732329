"""Country restrictions, always by ship-to country (never by a buyer's nationality or residence).

Every row records its legal basis (`legal_ref`, required), a reason, who made it and when; rows are
never deleted, so the history proves what applied when (COMPLIANCE.md §9):

- CountryPolicy: whether buyers can have goods delivered to a country. Effective-dated: the
  newest row whose `effective_from` has come decides; later rows are scheduled changes.
- CategoryRestriction: a category (and everything under it) cannot be delivered to a country.
- ListingRestriction: one listing cannot be delivered to a country.
  Lifting a restriction sets `lifted_at` / `lifted_by`; the row stays.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradepost.catalog.models import Category, Product
from tradepost.ids import new_public_id

MANAGE_PERMISSION = "restrictions.manage_restrictions"
LEGAL_REF_HELP = _("The law, order or decision this rests on, e.g. “India, IT Act 2000 s. 69A”.")
REASON_HELP = _("Shown to buyers who try to have the goods delivered there.")


class _Recorded(models.Model):
    """What every restriction row carries: its legal basis, a reason, who and when."""

    legal_ref = models.CharField(_("legal basis"), max_length=300, help_text=LEGAL_REF_HELP)
    reason = models.CharField(_("reason"), max_length=500, help_text=REASON_HELP)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        abstract = True


def legal_basis_constraints(prefix: str) -> list[models.CheckConstraint]:
    """`legal_ref` and `reason` may not be empty or only spaces (the geo-blocking lint checks
    that every restriction model has the first; services also refuse tabs and newlines)."""
    return [
        models.CheckConstraint(
            condition=GreaterThan(Length(Trim(field)), 0), name=f"{prefix}_{field}_not_blank"
        )
        for field in ("legal_ref", "reason")
    ]


class CountryPolicy(_Recorded):
    country = CountryField(_("ship-to country"), db_index=True)
    buy_enabled = models.BooleanField(_("deliveries allowed"))
    effective_from = models.DateTimeField(_("effective from"))

    class Meta:
        ordering = ["country", "-effective_from", "-id"]
        verbose_name_plural = _("country policies")
        permissions = [("manage_restrictions", "Can manage country and listing restrictions")]
        constraints = legal_basis_constraints("country_policy")

    def __str__(self) -> str:
        state = "on" if self.buy_enabled else "off"
        return f"{self.country} {state} from {self.effective_from:%Y-%m-%d %H:%M}"


class _Liftable(_Recorded):
    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    country = CountryField(_("ship-to country"))
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class CategoryRestriction(_Liftable):
    """Applies to the category and all its descendants."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="country_restrictions"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["country", "lifted_at"])]
        constraints = [
            *legal_basis_constraints("category_restriction"),
            models.UniqueConstraint(
                fields=["category", "country"],
                condition=models.Q(lifted_at__isnull=True),
                name="category_restriction_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} not to {self.country}"


class ListingRestriction(_Liftable):
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="country_restrictions"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["product", "country", "lifted_at"])]
        constraints = [
            *legal_basis_constraints("listing_restriction"),
            models.UniqueConstraint(
                fields=["product", "country"],
                condition=models.Q(lifted_at__isnull=True),
                name="listing_restriction_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} not to {self.country}"


RESTRICTION_MODELS = (CountryPolicy, CategoryRestriction, ListingRestriction)
