"""Import VAT/GST at checkout (`assess_consignment`), what each order was charged
(`record_order_tax`) and what refunds give back (`record_tax_refund`).

Decisions taken here (see also the rules file's "about"):
- The threshold test converts the consignment's intrinsic value (goods only) into the rule's
  currency at `on` with money.fx and compares the exact product, unrounded: EUR 150.00 is in,
  EUR 150.004 is not.
- The EU flat duty counts distinct HS6 subheadings (the first 6 digits of the code). A line
  without a usable code (blank, or fewer than 6 digits) counts as a subheading of its own: an
  unclassified line is never merged with another, so the duty is never under-collected. The duty
  is only due on consignments collected under IOSS; it is not part of the VAT base here.
- A business buyer's number is checked whenever the destination has a rule: valid → reverse
  charge, nothing collected; invalid → InvalidVatNumber.
"""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.money import fx
from tradepost.money.money import Money, exact_product, format_money
from tradepost.money.rounding import HALF_EVEN, divide
from tradepost.taxes import rules, vat_numbers
from tradepost.taxes.errors import (
    InvalidConsignment,
    OrderTaxAlreadyRecorded,
    OrderTaxNotFound,
    TaxRefundTooLarge,
)
from tradepost.taxes.models import ImportTaxRule, OrderTax, Regime, TaxAdjustment, ThresholdBasis
from tradepost.taxes.types import Assessment, ConsignmentLine

__all__ = [
    "Assessment",
    "ConsignmentLine",
    "assess_consignment",
    "record_order_tax",
    "record_tax_refund",
    "tax_share_of_refund",
]

HS6_DIGITS = 6
GST_REGIMES = frozenset({Regime.AU_LOW_VALUE})


def on_delivery_notice() -> str:
    return _("Import VAT and duties may be charged on delivery.")


def reverse_charge_notice() -> str:
    return _("Reverse charge: no VAT is charged; you account for it as a registered business.")


# --- checks of the input ----------------------------------------------------------------------


def _check_input(destination: str, lines: list[ConsignmentLine], amounts: dict[str, int]) -> str:
    country = (destination or "").strip().upper()
    if country not in countries:
        raise InvalidConsignment("destination", _("Choose a destination country."))
    if not lines:
        raise InvalidConsignment("lines", _("A consignment has at least one line."))
    for line in lines:
        if not isinstance(line.quantity, int) or line.quantity < 1:
            raise InvalidConsignment("lines", _("Each line needs a quantity of at least 1."))
        if line.unit_value_minor is not None and line.unit_value_minor < 0:
            raise InvalidConsignment("lines", _("An item's value cannot be negative."))
    for name, minor in amounts.items():
        if not isinstance(minor, int) or isinstance(minor, bool) or minor < 0:
            raise InvalidConsignment(name, _("The amount must be a whole, non-negative number."))
    return country


# --- the decision ------------------------------------------------------------------------------


def _over_threshold(
    rule: ImportTaxRule, lines: list[ConsignmentLine], value: Money, on: dt.date
) -> bool:
    """Whether the consignment (or, for per-item rules with every unit value given, its dearest
    item) is worth more than the rule's threshold, compared exactly after conversion."""
    tested = value
    if rule.threshold_basis == ThresholdBasis.ITEM and all(
        line.unit_value_minor is not None for line in lines
    ):
        tested = Money(max(line.unit_value_minor for line in lines), value.currency)
    rate = fx.get_rate(tested.currency, rule.threshold_currency, on)
    limit = Money(rule.threshold_minor, rule.threshold_currency).amount
    return exact_product(tested.amount, rate.value) > limit


def distinct_subheadings(lines: list[ConsignmentLine]) -> int:
    """Distinct HS6 subheadings; a line without 6 digits of code counts on its own."""
    seen: set[str] = set()
    unclassified = 0
    for line in lines:
        digits = "".join(ch for ch in line.hs_code or "" if ch.isdigit())
        if len(digits) < HS6_DIGITS:
            unclassified += 1
        else:
            seen.add(digits[:HS6_DIGITS])
    return len(seen) + unclassified


def rate_percent_text(rate_bps: int) -> str:
    """2000 → "20", 2550 → "25.5" (in the active language's number format)."""
    return formats.number_format(Decimal(rate_bps).scaleb(-2).normalize() + 0)


def _vat_label(rule: ImportTaxRule) -> str:
    values = {"country": countries.name(rule.country), "rate": rate_percent_text(rule.rate_bps)}
    if rule.regime in GST_REGIMES:
        return _("GST (%(country)s, %(rate)s %%)") % values
    return _("VAT (%(country)s, %(rate)s %%)") % values


def _duty(
    regime: str, lines: list[ConsignmentLine], currency: str, on: dt.date
) -> tuple[int, tuple[str, int] | None]:
    rule = rules.duty_rule(regime, on)
    if rule is None:
        return 0, None
    count = distinct_subheadings(lines)
    per = Money(rule.per_subheading_minor, rule.threshold_currency)
    duty = fx.convert(per * count, currency, on=on).money.minor
    label = _("EU customs duty (%(count)s × %(amount)s)") % {
        "count": count,
        "amount": format_money(per),
    }
    return duty, (label, duty)


def _not_collected(rule, currency: str, notice: str = "", **extra) -> Assessment:
    jurisdiction = rule.country if rule is not None else ""
    return Assessment(
        collected=False, regime="", jurisdiction=jurisdiction, rate_bps=0, vat_minor=0,
        duty_minor=0, currency=currency, notice=notice, **extra,
    )  # fmt: skip


def assess_consignment(
    *,
    destination: str,
    lines: list[ConsignmentLine],
    value_minor: int,
    value_currency: str,
    taxable_minor: int,
    currency: str,
    business_vat_number: str = "",
    on: dt.date,
) -> Assessment:
    """What the marketplace collects for one seller's parcel to `destination`, bought on `on`."""
    country = _check_input(
        destination, lines, {"value_minor": value_minor, "taxable_minor": taxable_minor}
    )
    value = Money(value_minor, value_currency)  # raises UnknownCurrency
    Money(taxable_minor, currency)
    rule = rules.vat_rule(country, on)
    if rule is None:
        return _not_collected(None, currency)
    if (business_vat_number or "").strip():
        number = vat_numbers.validate(country, business_vat_number)
        return _not_collected(
            rule, currency, reverse_charge_notice(), reverse_charge=True, vat_number=number
        )
    if any(line.excise for line in lines) or _over_threshold(rule, lines, value, on):
        return _not_collected(rule, currency, on_delivery_notice())

    vat = divide(taxable_minor * rule.rate_bps, 10000, HALF_EVEN)
    charges = [(_vat_label(rule), vat)]
    duty, duty_charge = (0, None)
    if rule.regime == Regime.EU_IOSS:
        duty, duty_charge = _duty(rule.regime, lines, currency, on)
    if duty_charge:
        charges.append(duty_charge)
    return Assessment(
        collected=True, regime=rule.regime, jurisdiction=country, rate_bps=rule.rate_bps,
        vat_minor=vat, duty_minor=duty, currency=currency, charges=charges,
        taxable_minor=taxable_minor,
    )  # fmt: skip


# --- records -----------------------------------------------------------------------------------


def record_order_tax(*, order, assessment: Assessment, now: dt.datetime) -> OrderTax:
    """Keep what the order's consignment was assessed (also when nothing was collected)."""
    if assessment.currency != order.currency:
        raise InvalidConsignment(
            "currency", _("The tax must be in the order's currency (%(currency)s).")
            % {"currency": order.currency},
        )  # fmt: skip
    try:
        with transaction.atomic():
            return OrderTax.objects.create(
                order=order, regime=assessment.regime, jurisdiction=assessment.jurisdiction,
                rate_bps=assessment.rate_bps, taxable_minor=assessment.taxable_minor,
                vat_minor=assessment.vat_minor, duty_minor=assessment.duty_minor,
                currency=assessment.currency, reverse_charge=assessment.reverse_charge,
                vat_number=assessment.vat_number, created_at=now,
            )  # fmt: skip
    except IntegrityError:
        if OrderTax.objects.filter(order=order).exists():
            raise OrderTaxAlreadyRecorded(order_id=order.pk) from None
        raise


def _given_back(order_tax: OrderTax) -> tuple[int, int, int]:
    """(taxable, VAT, duty) already refunded, as positive numbers."""
    rows = list(order_tax.adjustments.values_list("taxable_minor", "vat_minor", "duty_minor"))
    return tuple(-sum(row[i] for row in rows) for i in range(3))


@transaction.atomic
def record_tax_refund(
    *, order, vat_minor: int, duty_minor: int, now: dt.datetime
) -> TaxAdjustment | None:
    """A refund gives back `vat_minor` of VAT and `duty_minor` of duty (both ≥ 0, in the order's
    currency): a TaxAdjustment with those amounts negated, and the taxable amount given back in
    proportion to the VAT. Nothing to give back → None, nothing written."""
    for name, minor in (("vat_minor", vat_minor), ("duty_minor", duty_minor)):
        if not isinstance(minor, int) or isinstance(minor, bool) or minor < 0:
            raise InvalidConsignment(name, _("The amount must be a whole, non-negative number."))
    order_tax = OrderTax.objects.select_for_update().filter(order=order).first()
    if vat_minor == duty_minor == 0:
        return None
    if order_tax is None:
        raise OrderTaxNotFound(order_id=getattr(order, "pk", None))
    taxable_back, vat_back, duty_back = _given_back(order_tax)
    if vat_back + vat_minor > order_tax.vat_minor or duty_back + duty_minor > order_tax.duty_minor:
        raise TaxRefundTooLarge(order_id=order.pk)
    if vat_minor and vat_back + vat_minor == order_tax.vat_minor:
        taxable = order_tax.taxable_minor - taxable_back  # the last refund takes what is left
    else:
        taxable = divide(order_tax.taxable_minor * vat_minor, order_tax.vat_minor, HALF_EVEN)
    return TaxAdjustment.objects.create(
        order_tax=order_tax, taxable_minor=-taxable, vat_minor=-vat_minor,
        duty_minor=-duty_minor, created_at=now,
    )  # fmt: skip


def tax_share_of_refund(*, order, refund_minor: int) -> tuple[int, int]:
    """(VAT, duty) contained in a refund of `refund_minor` of the order's total, in proportion
    (half-even), never more than is left to give back. A helper for the refund path."""
    order_tax = OrderTax.objects.filter(order=order).first()
    if order_tax is None or order.total_minor <= 0 or refund_minor <= 0:
        return 0, 0
    _taxable_back, vat_back, duty_back = _given_back(order_tax)
    refund = min(refund_minor, order.total_minor)
    vat = divide(order_tax.vat_minor * refund, order.total_minor, HALF_EVEN)
    duty = divide(order_tax.duty_minor * refund, order.total_minor, HALF_EVEN)
    return min(vat, order_tax.vat_minor - vat_back), min(duty, order_tax.duty_minor - duty_back)
