"""The test processor's side: its payments ("charges"), card tokens, refunds, idempotency keys
and the webhooks it sends. Nothing here refers to tradepost's orders: the processor knows amounts,
a return URL and the metadata it was given, as a real one does.

Cards: the token, brand, last 4 digits and expiry only. The number and CVC are checked when typed
on the hosted page and then dropped; `behaviour` is what the documented test number does
(README.md), not card data.
"""

from django.db import models


class GatewayCard(models.Model):
    token = models.CharField(max_length=40, unique=True)
    brand = models.CharField(max_length=20)
    last4 = models.CharField(max_length=4)
    exp_month = models.PositiveSmallIntegerField()
    exp_year = models.PositiveSmallIntegerField()
    behaviour = models.CharField(max_length=24)
    created_at = models.DateTimeField()


class GatewayCharge(models.Model):
    ref = models.CharField(max_length=40, unique=True)
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=24)
    capture_method = models.CharField(max_length=10, default="automatic")
    return_url = models.CharField(max_length=500)
    metadata = models.JSONField(default=dict)
    card = models.ForeignKey(GatewayCard, null=True, blank=True, on_delete=models.PROTECT)
    decline_code = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()


class GatewayRefund(models.Model):
    ref = models.CharField(max_length=40, unique=True)
    charge = models.ForeignKey(GatewayCharge, on_delete=models.PROTECT, related_name="refunds")
    amount_minor = models.BigIntegerField()
    status = models.CharField(max_length=10)
    metadata = models.JSONField(default=dict)
    created_at = models.DateTimeField()


class GatewayIdempotencyKey(models.Model):
    """The first result of each call made with a key; a repeat returns it unchanged."""

    key = models.CharField(max_length=255, unique=True)
    operation = models.CharField(max_length=20)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField()


class GatewayWebhook(models.Model):
    """An event the processor sends to the merchant's endpoint, until it is answered 2xx."""

    event_id = models.CharField(max_length=40, unique=True)
    type = models.CharField(max_length=60)
    body = models.TextField()  # the exact JSON sent: signed as is
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
