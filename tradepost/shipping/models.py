"""Sellers' shipping templates: where a product ships from, to which destinations, by which
carrier, at what price and how fast.

A template has zones; a zone covers countries (listed) and/or named groups (shipping.regions)
and offers one service level (economy / standard / express) by one carrier. Prices are in the
store's settlement currency. Products use a template (or the store's default template).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradepost.ids import new_public_id
from tradepost.sellers.models import Store


class ShippingTemplate(models.Model):
    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="shipping_templates")
    name = models.CharField(_("name"), max_length=120)
    ship_from_country = CountryField(_("ships from"))
    # Products without a template of their own use the store's default template.
    is_default = models.BooleanField(_("default for the store's products"), default=False)
    # Destinations the seller never ships to, whatever the zones say (ISO country codes).
    excluded_countries = models.JSONField(_("excluded destinations"), default=list, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-is_default", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["store"],
                condition=models.Q(is_default=True),
                name="shipping_one_default_template_per_store",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceLevel(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    STANDARD = "standard", _("Standard")
    EXPRESS = "express", _("Express")


class Pricing(models.TextChoices):
    FLAT = "flat", _("Flat rate per parcel")
    PER_ITEM = "per_item", _("First item + each additional item")
    BY_WEIGHT = "by_weight", _("First weight unit + each additional unit")


class ShippingZone(models.Model):
    """One way to ship a template's products to some destinations."""

    template = models.ForeignKey(ShippingTemplate, on_delete=models.CASCADE, related_name="zones")
    # ISO country codes named explicitly, and group codes from shipping.regions ("EU", "WORLD").
    # A zone naming the country beats a zone covering it only through a group.
    countries = models.JSONField(_("countries"), default=list, blank=True)
    groups = models.JSONField(_("country groups"), default=list, blank=True)
    service = models.CharField(
        _("service"), max_length=10, choices=ServiceLevel.choices, default=ServiceLevel.STANDARD
    )
    carrier = models.CharField(_("carrier"), max_length=20)  # shipping.carriers code
    pricing = models.CharField(
        _("pricing"), max_length=10, choices=Pricing.choices, default=Pricing.FLAT
    )
    # flat: first_minor per parcel; per_item: first item, each additional item; by_weight:
    # first `weight_unit_g`, each additional started unit. Store currency.
    first_minor = models.BigIntegerField(_("first / flat price"), default=0)
    additional_minor = models.BigIntegerField(_("each additional"), default=0)
    weight_unit_g = models.PositiveIntegerField(_("weight unit (g)"), default=500)
    # Items subtotal (store currency) from which this zone ships for free; null: never free.
    free_over_minor = models.BigIntegerField(_("free from"), null=True, blank=True)
    processing_days = models.PositiveSmallIntegerField(_("processing days"), default=3)
    transit_days_min = models.PositiveSmallIntegerField(_("transit days (min)"), default=7)
    transit_days_max = models.PositiveSmallIntegerField(_("transit days (max)"), default=20)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_minor__gte=0)
                & models.Q(additional_minor__gte=0)
                & models.Q(weight_unit_g__gte=1)
                & (models.Q(free_over_minor__isnull=True) | models.Q(free_over_minor__gte=0))
                & models.Q(transit_days_max__gte=models.F("transit_days_min")),
                name="shipping_zone_amounts_valid",
            )
        ]
