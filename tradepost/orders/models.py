"""Orders: one per seller per checkout, with everything the buyer agreed to snapshotted.

Money: lines carry the unit price in the store's currency (`store_currency`) and the line total
converted once into the buyer's currency (`currency`) at `fx_rate`. Shipping, discounts and tax are
first-class `OrderCharge` rows; the order's totals are their sums (kept as columns for lists).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tradepost.cart.models import Checkout
from tradepost.catalog.models import Product, Variant
from tradepost.ids import new_public_id
from tradepost.orders.states import OrderStatus
from tradepost.sellers.models import Store


class Order(models.Model):
    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.AWAITING_PAYMENT
    )
    status_changed_at = models.DateTimeField()
    currency = models.CharField(max_length=3)  # the buyer's: what they pay
    store_currency = models.CharField(max_length=3)  # the seller's settlement currency
    # store → buyer currency: 12 significant digits (money.fx), which for a rate like KRW → GBP
    # (0.000586206896552) needs far more than 12 decimal places.
    fx_rate = models.DecimalField(max_digits=32, decimal_places=20)
    fx_rate_date = models.DateField(null=True, blank=True)  # None: same currency
    # In `currency`:
    items_minor = models.BigIntegerField()
    shipping_minor = models.BigIntegerField()
    discount_minor = models.BigIntegerField()  # ≥ 0, subtracted
    tax_minor = models.BigIntegerField()
    total_minor = models.BigIntegerField()
    # In `store_currency`, before conversion (what the seller priced):
    store_items_minor = models.BigIntegerField()
    store_shipping_minor = models.BigIntegerField()
    shipping_address = models.JSONField()
    shipping_option = models.CharField(max_length=32)  # service level code (shipping.ServiceLevel)
    shipping_label = models.CharField(max_length=120, blank=True)  # "Standard · YunExpress"
    planned_carrier = models.CharField(max_length=20, blank=True)  # the template zone's carrier
    ship_from_country = models.CharField(max_length=2, blank=True)
    # The delivery promise shown when the buyer ordered (business days, weekends skipped).
    processing_days = models.PositiveSmallIntegerField(default=0)
    promised_from = models.DateField(null=True, blank=True)
    promised_to = models.DateField(null=True, blank=True)
    pay_by = models.DateTimeField()
    # Set at payment: the seller must ship by then, or the sweep cancels and refunds the order.
    ship_by = models.DateTimeField(null=True, blank=True)
    # The buyer may extend protection (auto_confirm_at) once.
    protection_extended_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Buyer protection: when this passes, the sweep confirms receipt for the buyer and releases
    # the escrow (set at shipping, moved at delivery; see settings.AUTO_CONFIRM_*).
    auto_confirm_at = models.DateTimeField(null=True, blank=True)
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["buyer", "-created_at"]),
            models.Index(fields=["store", "status", "-created_at"]),
            models.Index(fields=["status", "pay_by"]),
            models.Index(fields=["status", "auto_confirm_at"]),
            models.Index(fields=["status", "ship_by"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(total_minor__gte=0)
                & models.Q(discount_minor__gte=0)
                & models.Q(
                    total_minor=models.F("items_minor")
                    + models.F("shipping_minor")
                    + models.F("tax_minor")
                    - models.F("discount_minor")
                ),
                name="order_total_adds_up",
            ),
        ]

    def __str__(self) -> str:
        return self.public_id


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)  # in the buyer's language when placed
    variant_label = models.CharField(max_length=300, blank=True)  # "Colour: Red / Size: M"
    sku = models.CharField(max_length=64)
    quantity = models.PositiveIntegerField()
    unit_price_minor = models.BigIntegerField()  # store currency, after tier or deal
    list_unit_price_minor = models.BigIntegerField()  # store currency, the variant's own price
    tier_min_quantity = models.PositiveIntegerField(null=True, blank=True)  # the tier applied
    flash_deal_id = models.BigIntegerField(null=True, blank=True)  # promotions.FlashDeal.id
    store_line_total_minor = models.BigIntegerField()  # unit × quantity, store currency
    line_total_minor = models.BigIntegerField()  # converted once into the buyer's currency

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1)
                & models.Q(
                    store_line_total_minor=models.F("unit_price_minor") * models.F("quantity")
                ),
                name="order_line_total_adds_up",
            )
        ]


class ChargeKind(models.TextChoices):
    SHIPPING = "shipping", _("Shipping")
    DISCOUNT = "discount", _("Discount")
    TAX = "tax", _("Tax")


class OrderCharge(models.Model):
    """A shipping, discount or tax line of an order. `amount_minor` is in the order's (buyer's)
    currency and signed as it counts towards the total: discounts are negative."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="charges")
    kind = models.CharField(max_length=10, choices=ChargeKind.choices)
    label = models.CharField(max_length=200)
    amount_minor = models.BigIntegerField()
    coupon_id = models.BigIntegerField(null=True, blank=True)  # promotions.Coupon.id
    funded_by = models.CharField(max_length=8, blank=True)  # discounts: platform | seller

    class Meta:
        ordering = ["id"]


class OrderEvent(models.Model):
    """One row per status change (and per notable act such as shipping details): who, when,
    from, to, why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=OrderStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
