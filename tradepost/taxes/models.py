"""Import taxes: the effective-dated rules (loaded from data/import_tax_rules.json), what each
order was charged (`OrderTax`) and what refunds gave back (`TaxAdjustment`).

Amounts are integer minor units; an order's tax is in the order's (buyer's) currency.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tradepost.orders.models import Order


class Regime(models.TextChoices):
    EU_IOSS = "eu_ioss", _("EU import one-stop shop (IOSS)")
    UK_LOW_VALUE = "uk_low_value", _("UK goods of £135 or less")
    AU_LOW_VALUE = "au_low_value", _("Australian GST on low value imported goods")
    NO_VOEC = "no_voec", _("Norwegian VAT on e-commerce (VOEC)")


class RuleKind(models.TextChoices):
    VAT = "vat", _("VAT or GST collected at checkout")
    DUTY = "duty", _("Flat customs duty per tariff subheading")


class ThresholdBasis(models.TextChoices):
    CONSIGNMENT = "consignment", _("Whole consignment")
    ITEM = "item", _("Each item")


class ImportTaxRule(models.Model):
    """One rule in force from `valid_from` to `valid_to` (both inclusive; None: open-ended).

    kind VAT: in `country`, a consignment worth at most `threshold_minor` (in
    `threshold_currency`) has `rate_bps` of its taxable amount collected under `regime`.
    kind DUTY: `per_subheading_minor` (in `threshold_currency`) per distinct HS6 subheading of a
    consignment collected under `regime`; `country` is blank (every country of the regime).
    Rows come from data/import_tax_rules.json only (data migration, `load_import_tax_rules`).
    """

    kind = models.CharField(_("kind"), max_length=8, choices=RuleKind.choices)
    regime = models.CharField(_("regime"), max_length=16, choices=Regime.choices)
    country = models.CharField(_("country"), max_length=2, blank=True)
    rate_bps = models.PositiveIntegerField(_("rate (basis points)"), default=0)
    threshold_minor = models.BigIntegerField(_("threshold"), default=0)
    threshold_currency = models.CharField(_("currency"), max_length=3)
    threshold_basis = models.CharField(
        _("threshold applies to"),
        max_length=12,
        choices=ThresholdBasis.choices,
        default=ThresholdBasis.CONSIGNMENT,
    )
    per_subheading_minor = models.BigIntegerField(_("duty per subheading"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=300)
    source_date = models.DateField(_("source date"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("import tax rule")
        verbose_name_plural = _("import tax rules")
        ordering = ["kind", "regime", "country", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "regime", "country", "valid_from"], name="taxes_rule_one_per_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="taxes_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(rate_bps__lte=10000), name="taxes_rule_rate_at_most_100_percent"
            ),
            models.CheckConstraint(
                condition=Q(threshold_minor__gte=0) & Q(per_subheading_minor__gte=0),
                name="taxes_rule_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.regime} {self.country or '*'} from {self.valid_from}"


class OrderTax(models.Model):
    """What was decided for one order's consignment at checkout. `regime` is blank when nothing
    was collected (above the threshold, excise goods, reverse charge, or no rule)."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="import_tax")
    regime = models.CharField(max_length=16, choices=Regime.choices, blank=True)
    jurisdiction = models.CharField(max_length=2, blank=True)
    rate_bps = models.PositiveIntegerField(default=0)
    taxable_minor = models.BigIntegerField(default=0)
    vat_minor = models.BigIntegerField(default=0)
    duty_minor = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3)
    reverse_charge = models.BooleanField(default=False)
    vat_number = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["regime", "jurisdiction"], name="taxes_ordertax_regime_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(vat_minor__gte=0) & Q(duty_minor__gte=0) & Q(taxable_minor__gte=0),
                name="taxes_ordertax_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(reverse_charge=False) | ~Q(vat_number=""),
                name="taxes_ordertax_reverse_charge_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.regime or '-'} {self.vat_minor}+{self.duty_minor}"


class TaxAdjustment(models.Model):
    """Tax given back by a refund: amounts are ≤ 0, in the order tax's currency. The IOSS return
    counts it in the month of `created_at`."""

    order_tax = models.ForeignKey(OrderTax, on_delete=models.PROTECT, related_name="adjustments")
    taxable_minor = models.BigIntegerField()
    vat_minor = models.BigIntegerField()
    duty_minor = models.BigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["created_at"], name="taxes_adjustment_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(vat_minor__lte=0) & Q(duty_minor__lte=0) & Q(taxable_minor__lte=0),
                name="taxes_adjustment_gives_back",
            ),
        ]
