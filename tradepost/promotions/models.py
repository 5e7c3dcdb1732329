"""Coupons (platform or seller) and flash deals (a variant at a deal price, capped units)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from tradepost.catalog.models import Variant
from tradepost.ids import new_public_id
from tradepost.sellers.models import Store


class CouponKind(models.TextChoices):
    FIXED = "fixed", _("Fixed amount")
    PERCENT = "percent", _("Percent")


class FundedBy(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    SELLER = "seller", _("Seller")


class Coupon(models.Model):
    """A code a buyer enters at checkout.

    A seller coupon (`store` set) applies to that store's group only and the seller funds it. A
    platform coupon applies to every seller group, or only to `stores` when some are listed, and
    `funded_by` says who pays for the discount (the ledger books it that way).
    """

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    code = models.CharField(_("code"), max_length=32)
    store = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.CASCADE, related_name="coupons"
    )
    stores = models.ManyToManyField(Store, blank=True, related_name="platform_coupons")
    kind = models.CharField(_("kind"), max_length=8, choices=CouponKind.choices)
    # FIXED: amount_minor in `currency`. PERCENT: percent_bps (1000 = 10 %).
    amount_minor = models.BigIntegerField(_("amount"), default=0)
    percent_bps = models.PositiveIntegerField(_("percent (basis points)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    # Minimum items subtotal of the groups it applies to, in `currency` (0: none).
    min_spend_minor = models.BigIntegerField(_("minimum spend"), default=0)
    starts_at = models.DateTimeField(_("valid from"))
    ends_at = models.DateTimeField(_("valid until"))
    max_uses = models.PositiveIntegerField(_("total uses"), null=True, blank=True)
    max_uses_per_buyer = models.PositiveIntegerField(_("uses per buyer"), default=1)
    uses = models.PositiveIntegerField(default=0)
    funded_by = models.CharField(max_length=8, choices=FundedBy.choices)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("manage_promotions", "Can manage platform coupons and any flash deal")]
        constraints = [
            models.UniqueConstraint(Upper("code"), name="coupon_code_unique"),
            models.CheckConstraint(
                condition=models.Q(max_uses__isnull=True)
                | models.Q(uses__lte=models.F("max_uses")),
                name="coupon_uses_within_limit",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=CouponKind.FIXED, amount_minor__gt=0)
                    | models.Q(kind=CouponKind.PERCENT, percent_bps__gt=0, percent_bps__lte=10000)
                ),
                name="coupon_value_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(store__isnull=True) | models.Q(funded_by=FundedBy.SELLER),
                name="seller_coupon_funded_by_seller",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class CouponRedemption(models.Model):
    """One use of a coupon by a buyer in a checkout; removed again if that checkout is cancelled
    before it is paid (the use is given back)."""

    coupon = models.ForeignKey(Coupon, on_delete=models.PROTECT, related_name="redemptions")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    checkout_id = models.BigIntegerField()  # cart.Checkout.id
    discount_minor = models.BigIntegerField()  # in the checkout's (buyer's) currency
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["coupon", "buyer"])]
        constraints = [
            models.UniqueConstraint(
                fields=["coupon", "checkout_id"], name="one_redemption_per_checkout"
            )
        ]


class FlashDeal(models.Model):
    """`variant` sells at `deal_price_minor` (store currency) between `starts_at` and `ends_at`,
    for at most `quantity` units in all; `sold` counts them (a conditional increment)."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="flash_deals")
    deal_price_minor = models.BigIntegerField(_("deal price"))
    quantity = models.PositiveIntegerField(_("deal units"))
    sold = models.PositiveIntegerField(default=0)
    max_per_order = models.PositiveIntegerField(_("units per order"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    is_cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["variant", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sold__lte=models.F("quantity")), name="deal_not_oversold"
            ),
            models.CheckConstraint(
                condition=models.Q(deal_price_minor__gt=0) & models.Q(quantity__gte=1),
                name="deal_values_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="deal_window_valid"
            ),
        ]
