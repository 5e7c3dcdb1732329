"""Carts (anonymous by session, or a buyer's) and checkouts (one payment group, one order per
seller: see orders)."""

from django.conf import settings
from django.db import models

from tradepost.catalog.models import Variant
from tradepost.ids import new_public_id


class Cart(models.Model):
    """A buyer's cart (`user`) or an anonymous one (`session_key`), never both."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cart",
    )
    session_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # Chosen shipping option per store: {"<store public id>": "<option code>"}.
    shipping_choices = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, session_key__isnull=False)
                | models.Q(user__isnull=False, session_key__isnull=True),
                name="cart_has_one_owner",
            )
        ]


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    # The unit price (store currency) the buyer last saw and accepted: a different current price
    # is shown as a change, and checkout refuses the line until the buyer accepts it.
    seen_unit_price_minor = models.BigIntegerField()
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cart_line_unique_variant"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="cart_line_quantity_positive"
            ),
        ]


class Checkout(models.Model):
    """What a buyer placed in one go: the payment group of its orders (one per seller).

    Amounts are in the buyer's currency (`currency`), the sums of its orders' amounts. It has no
    status of its own: its orders have (the payments issue adds the payment's).
    """

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkouts"
    )
    currency = models.CharField(max_length=3)
    items_minor = models.BigIntegerField()
    shipping_minor = models.BigIntegerField()
    discount_minor = models.BigIntegerField()
    tax_minor = models.BigIntegerField()
    total_minor = models.BigIntegerField()
    shipping_address = models.JSONField()  # a snapshot of the address book entry
    coupon_codes = models.JSONField(default=list, blank=True)
    # A business buyer's VAT number (validated by taxes.vat_numbers): reverse charge, no import
    # VAT collected.
    buyer_vat_number = models.CharField(max_length=32, blank=True)
    # The page form's one-time token or the API's Idempotency-Key: a double-click or a retry
    # finds the checkout already placed instead of placing a second one.
    request_key = models.CharField(max_length=255)
    pay_by = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "request_key"], name="checkout_request_once"),
            models.CheckConstraint(
                condition=models.Q(total_minor__gte=0), name="checkout_total_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.public_id
