"""A store's flat shipping rate (until shipping templates arrive, see the shipping issue)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradepost.sellers.models import Store


class FlatRate(models.Model):
    """One rate per order in the store's settlement currency, free from `free_over_minor` up."""

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="flat_rate")
    rate_minor = models.BigIntegerField(_("shipping per order"), default=0)
    # Items subtotal (store currency) from which shipping is free; null: never free.
    free_over_minor = models.BigIntegerField(_("free shipping from"), null=True, blank=True)
    delivery_days_min = models.PositiveSmallIntegerField(default=7)
    delivery_days_max = models.PositiveSmallIntegerField(default=20)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate_minor__gte=0)
                & (models.Q(free_over_minor__isnull=True) | models.Q(free_over_minor__gte=0)),
                name="flat_rate_not_negative",
            )
        ]
