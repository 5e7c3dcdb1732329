"""The double-entry ledger (RELIABILITY.md §3) and payouts.

- `Account`: one per (kind, owner, currency): `seller` for seller accounts, `jurisdiction` for tax.
- `JournalEntry`: one business event, unique `reference` (the idempotency key), and its
  `Posting`s. Signed amounts: **+ debit, − credit**, integer minor units of the posting's currency
  (always the account's). The postings of an entry sum to zero per currency.
- Append-only: entries and postings are never updated or deleted. The ORM refuses (`save()` on an
  existing row, `delete()`, queryset `update()`/`delete()`); the database refuses too (triggers
  from migration 0002, see ledger.triggers). A mistake is fixed by a new entry (`corrects`).
- Balances are derived from postings (ledger.selectors), never stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tradepost.ids import new_public_id
from tradepost.ledger.errors import AppendOnly
from tradepost.ledger.states import PayoutStatus


class AccountKind(models.TextChoices):
    GATEWAY_CLEARING = "gateway_clearing", _("Gateway clearing")
    ESCROW = "escrow", _("Escrow")
    SELLER_PAYABLE = "seller_payable", _("Seller payable")
    SELLER_DEPOSIT = "seller_deposit", _("Seller deposit")
    COMMISSION_REVENUE = "commission_revenue", _("Commission revenue")
    TAX_PAYABLE = "tax_payable", _("Tax payable")
    FX_DIFFERENCE = "fx_difference", _("FX difference")
    PAYOUTS_IN_TRANSIT = "payouts_in_transit", _("Payouts in transit")
    PLATFORM_PROMOTIONS = "platform_promotions", _("Platform-funded promotions")
    REFUNDS = "refunds", _("Refunds owed to buyers")


SELLER_KINDS = frozenset({AccountKind.SELLER_PAYABLE, AccountKind.SELLER_DEPOSIT})
# Accounts whose balance is normally a debit (assets, expenses); every other kind is normally a
# credit (liabilities, revenue). `selectors.account_balance` reports on the normal side.
DEBIT_NORMAL = frozenset({AccountKind.GATEWAY_CLEARING, AccountKind.PLATFORM_PROMOTIONS})


class EntryKind(models.TextChoices):
    CAPTURE = "capture", _("Payment captured")
    REFUND = "refund", _("Refund")
    REFUND_SENT = "refund_sent", _("Refund sent")
    RELEASE = "release", _("Escrow released")
    DEPOSIT_PAID = "deposit_paid", _("Deposit paid")
    DEPOSIT_RETURNED = "deposit_returned", _("Deposit returned")
    PAYOUT_REQUESTED = "payout_requested", _("Payout requested")
    PAYOUT_PAID = "payout_paid", _("Payout paid")
    PAYOUT_FAILED = "payout_failed", _("Payout failed")
    CORRECTION = "correction", _("Correction")


class Account(models.Model):
    code = models.CharField(max_length=120, unique=True)  # e.g. "seller_payable:12:EUR"
    kind = models.CharField(max_length=24, choices=AccountKind.choices)
    currency = models.CharField(max_length=3)
    seller = models.ForeignKey(
        "sellers.Seller", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    jurisdiction = models.CharField(max_length=8, blank=True)  # tax: ISO country code
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AccountKind.values), name="ledger_account_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=SELLER_KINDS, seller__isnull=False)
                    | (~models.Q(kind__in=SELLER_KINDS) & models.Q(seller__isnull=True))
                ),
                name="ledger_account_seller_iff_seller_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def debit_normal(self) -> bool:
        return self.kind in DEBIT_NORMAL


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk writes that would change posted rows raise; `bulk_create` (new rows) is allowed."""

    def update(self, **kwargs):
        raise AppendOnly()

    def delete(self):
        raise AppendOnly()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly()

    def update_or_create(self, *args, **kwargs):
        raise AppendOnly()


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly()
        kwargs["force_insert"] = True  # a new object with an existing pk fails, never updates
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly()


class JournalEntry(AppendOnlyModel):
    reference = models.CharField(max_length=200, unique=True)  # one per business event
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    memo = models.CharField(max_length=500, blank=True)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    effective_at = models.DateTimeField()  # when the money moved (statements order by it)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["effective_at", "id"]
        verbose_name_plural = "journal entries"
        permissions = [("check_ledger", "Can run the ledger invariant check")]
        indexes = [models.Index(fields=["kind", "effective_at"])]

    def __str__(self) -> str:
        return self.reference


class Posting(AppendOnlyModel):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    currency = models.CharField(max_length=3)  # always the account's
    amount_minor = models.BigIntegerField()  # + debit, − credit; never 0
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["account", "entry"]),
            models.Index(fields=["order", "account"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount_minor=0), name="ledger_posting_not_zero"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount_minor:+d} {self.currency}"


class PayoutBatch(models.Model):
    """Approved payouts exported together as one CSV file for the bank."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    payout_count = models.PositiveIntegerField()
    csv_text = models.TextField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "payout batches"

    def __str__(self) -> str:
        return self.public_id


class Payout(models.Model):
    """A seller's withdrawal of its available balance, with the payout account as it was when
    requested (a later change of account does not redirect money already on its way)."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="payouts")
    currency = models.CharField(max_length=3)
    amount_minor = models.BigIntegerField()
    status = models.CharField(
        max_length=12, choices=PayoutStatus.choices, default=PayoutStatus.REQUESTED
    )
    status_changed_at = models.DateTimeField()
    batch = models.ForeignKey(
        PayoutBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="payouts"
    )
    account_holder = models.CharField(max_length=200)
    account_number = models.CharField(max_length=200)  # the IBAN, or the other scheme's text
    account_country = models.CharField(max_length=2, blank=True)
    failure_reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("manage_payouts", "Can approve, export and settle payouts")]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["seller", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PayoutStatus.values), name="payout_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_minor__gt=0), name="payout_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.public_id


class PayoutEvent(models.Model):
    """One row per status change of a payout: who, when, from, to, why."""

    payout = models.ForeignKey(Payout, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=PayoutStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PayoutStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
