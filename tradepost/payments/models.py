"""Payments: one intent per checkout (or seller deposit), the orders it pays, its events, refunds
and the gateway webhooks received.

Card data: only the gateway's token, the brand, the last 4 digits and the expiry are kept here
(PCI DSS SAQ A shape, RELIABILITY.md §10). The full number and the CVC never reach tradepost's
tables: they are typed on the gateway's own hosted page.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tradepost.cart.models import Checkout
from tradepost.ids import new_public_id
from tradepost.orders.models import Order
from tradepost.payments.states import PaymentPurpose, PaymentStatus, RefundStatus
from tradepost.sellers.models import Seller


class PaymentIntent(models.Model):
    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    purpose = models.CharField(max_length=10, choices=PaymentPurpose.choices)
    checkout = models.ForeignKey(
        Checkout, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    seller = models.ForeignKey(  # a deposit's payer
        Seller, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    buyer = models.ForeignKey(  # who pays: the checkout's buyer, or the seller's user
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    status_changed_at = models.DateTimeField()
    gateway = models.CharField(max_length=32)
    gateway_ref = models.CharField(max_length=64, blank=True)  # the gateway's id of the payment
    # The caller's key (API Idempotency-Key or the pay form's token); gateway calls use keys
    # derived from public_id and the step (`payments.services.gateway_key`).
    idempotency_key = models.CharField(max_length=255, blank=True)
    card_token = models.CharField(max_length=64, blank=True)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    card_exp_month = models.PositiveSmallIntegerField(null=True, blank=True)
    card_exp_year = models.PositiveSmallIntegerField(null=True, blank=True)
    failure_code = models.CharField(max_length=40, blank=True)  # the last decline's reason
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("refund_payment", "Can refund any order's payment")]
        constraints = [
            models.UniqueConstraint(
                fields=["checkout"],
                condition=Q(active=True, checkout__isnull=False),
                name="payment_one_active_intent_per_checkout",
            ),
            models.UniqueConstraint(
                fields=["gateway", "gateway_ref"],
                condition=~Q(gateway_ref=""),
                name="payment_gateway_ref_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PaymentStatus.values), name="payment_status_valid"
            ),
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(purpose=PaymentPurpose.CHECKOUT, checkout__isnull=False)
                | Q(purpose=PaymentPurpose.DEPOSIT, seller__isnull=False),
                name="payment_purpose_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.public_id


class PaymentAllocation(models.Model):
    """The part of a checkout intent that pays one order (the order's total when the intent was
    created). `outcome` is set on capture: `paid` (this payment paid the order) or `returned`
    (the order was cancelled or paid otherwise meanwhile: the money went back automatically)."""

    intent = models.ForeignKey(PaymentIntent, on_delete=models.CASCADE, related_name="allocations")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payment_allocations")
    amount_minor = models.BigIntegerField()
    outcome = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["intent", "order"], name="payment_allocation_once"),
            models.CheckConstraint(
                condition=Q(amount_minor__gte=0), name="payment_allocation_not_negative"
            ),
        ]


class PaymentEvent(models.Model):
    """One row per status change of an intent: who, when, from, to, why."""

    intent = models.ForeignKey(PaymentIntent, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=PaymentStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PaymentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class Refund(models.Model):
    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    intent = models.ForeignKey(PaymentIntent, on_delete=models.PROTECT, related_name="refunds")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    line_ids = models.JSONField(default=list, blank=True)  # OrderLine ids, for a refund by line
    status = models.CharField(
        max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    reason = models.TextField(blank=True)
    automatic = models.BooleanField(default=False)  # a late payment returned, not a person's act
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gateway_ref = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(
                condition=Q(status__in=RefundStatus.values), name="refund_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.public_id


class RefundEvent(models.Model):
    """One row per status change of a refund: who, when, from, to, why."""

    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=RefundStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=RefundStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class WebhookOutcome(models.TextChoices):
    APPLIED = "applied"
    IGNORED = "ignored"  # already applied by another path, or superseded by a later state
    UNMATCHED = "unmatched"  # refers to a refund we never asked for: for finance to look at


class WebhookEvent(models.Model):
    """Every verified webhook, once: a repeat of (provider, event_id) is answered 200 and
    nothing is applied again (RELIABILITY.md §2)."""

    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=100)
    type = models.CharField(max_length=60)
    payload = models.JSONField()
    outcome = models.CharField(max_length=10, choices=WebhookOutcome.choices)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="webhook_event_once")
        ]
