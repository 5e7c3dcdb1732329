"""Exchange rates: the only table of the money app (DESIGN.md §3)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

ECB = "ECB"
EUR = "EUR"


class ExchangeRate(models.Model):
    """One published rate: `rate` units of `quote` buy 1 unit of `base` on `rate_date`."""

    source = models.CharField(_("source"), max_length=16, default=ECB)
    base = models.CharField(_("base currency"), max_length=3, default=EUR)
    quote = models.CharField(_("quote currency"), max_length=3)
    # ECB rates have at most 6 significant digits; 14 integer digits fit any currency's rate.
    rate = models.DecimalField(_("rate"), max_digits=24, decimal_places=10)
    rate_date = models.DateField(_("rate date"))
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "base", "quote", "rate_date"],
                name="money_exchangerate_one_per_day",
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0), name="money_exchangerate_rate_positive"
            ),
            models.CheckConstraint(
                condition=~Q(base=F("quote")), name="money_exchangerate_base_is_not_quote"
            ),
        ]
        # The unique index serves rate look-ups; this one serves "latest import" on the console.
        indexes = [models.Index(fields=["rate_date"], name="money_exchangerate_date_idx")]

    def __str__(self) -> str:
        return f"{self.rate_date} {self.source}: 1 {self.base} = {self.rate} {self.quote}"
