"""Reads of the taxes app: the monthly IOSS return.

An order counts in the month it was paid (its OrderEvent to "paid": IOSS VAT is chargeable when
payment is accepted); a refund's TaxAdjustment counts in its own month, so a refund after the month
closed lowers a later return. Amounts are summed per member state, rate and order currency, then
each sum is converted to EUR once (half-even) at the ECB rate published on the last day of the
month, or at the next publication when there is none that day (VAT Directive Art. 369v).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Sum

from tradepost.cart.pricing import convert
from tradepost.money import fx
from tradepost.money.errors import ExchangeRateUnavailable
from tradepost.money.models import ECB, EUR, ExchangeRate
from tradepost.orders.models import OrderEvent
from tradepost.orders.states import OrderStatus
from tradepost.taxes.errors import InvalidReturnPeriod
from tradepost.taxes.models import OrderTax, Regime, TaxAdjustment

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_IOSS_MONTH = (2021, 7)


@dataclass
class IossReturnRow:
    """One member state at one rate; amounts in euro cents. Refunds are ≤ 0."""

    jurisdiction: str
    rate_bps: int
    orders: int = 0
    sales_taxable_minor: int = 0
    sales_vat_minor: int = 0
    refund_taxable_minor: int = 0
    refund_vat_minor: int = 0

    @property
    def taxable_minor(self) -> int:
        return self.sales_taxable_minor + self.refund_taxable_minor

    @property
    def vat_minor(self) -> int:
        return self.sales_vat_minor + self.refund_vat_minor


@dataclass
class IossReturn:
    year: int
    month: int
    rate_date: dt.date | None  # None: every amount was in EUR already (or nothing to declare)
    rows: list[IossReturnRow] = field(default_factory=list)
    currency: str = EUR

    @property
    def vat_minor(self) -> int:
        return sum(row.vat_minor for row in self.rows)

    @property
    def taxable_minor(self) -> int:
        return sum(row.taxable_minor for row in self.rows)


def parse_month(text: str) -> tuple[int, int]:
    """ "2026-07" → (2026, 7); raises InvalidReturnPeriod."""
    match = _MONTH.match((text or "").strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise InvalidReturnPeriod()
    year, month = int(match[1]), int(match[2])
    if (year, month) < FIRST_IOSS_MONTH or year > 9998:
        raise InvalidReturnPeriod()
    return year, month


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the month in UTC."""
    start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
    return start, end


def _sales(start: dt.datetime, end: dt.datetime):
    paid_in_month = OrderEvent.objects.filter(
        order=OuterRef("order"), to_status=OrderStatus.PAID, created_at__gte=start,
        created_at__lt=end,
    )  # fmt: skip
    return (
        OrderTax.objects.filter(Exists(paid_in_month), regime=Regime.EU_IOSS)
        .values("jurisdiction", "rate_bps", "currency")
        .annotate(orders=Count("id"), taxable=Sum("taxable_minor"), vat=Sum("vat_minor"))
        .order_by()
    )


def _refunds(start: dt.datetime, end: dt.datetime):
    return (
        TaxAdjustment.objects.filter(
            order_tax__regime=Regime.EU_IOSS, created_at__gte=start, created_at__lt=end
        )
        .values("order_tax__jurisdiction", "order_tax__rate_bps", "order_tax__currency")
        .annotate(taxable=Sum("taxable_minor"), vat=Sum("vat_minor"))
        .order_by()
    )


def _rate_day(currencies: set[str], last_day: dt.date) -> dt.date | None:
    """The ECB publication used: the month's last day, or the next day with rates."""
    foreign = currencies - {EUR}
    if not foreign:
        return None
    day = ExchangeRate.objects.filter(
        source=ECB, base=EUR, quote__in=foreign, rate_date__gte=last_day
    ).aggregate(day=Min("rate_date"))["day"]
    if day is None:
        raise ExchangeRateUnavailable(sorted(foreign)[0], EUR, last_day)
    return day


def ioss_return(year: int, month: int) -> IossReturn:
    """The IOSS return of a month: one row per member state and rate, in EUR, refunds adjusted.
    Raises ExchangeRateUnavailable while the month-end ECB rates are not imported yet."""
    start, end = month_bounds(year, month)
    sales = [
        (row["jurisdiction"], row["rate_bps"], row["currency"], row) for row in _sales(start, end)
    ]
    refunds = [
        (
            row["order_tax__jurisdiction"],
            row["order_tax__rate_bps"],
            row["order_tax__currency"],
            row,
        )
        for row in _refunds(start, end)
    ]
    last_day = (end - dt.timedelta(days=1)).date()
    rate_day = _rate_day({currency for _, _, currency, _ in sales + refunds}, last_day)
    rates = {}

    def eur(minor: int, currency: str) -> int:
        if currency not in rates:
            rates[currency] = fx.get_rate(currency, EUR, rate_day)
        return convert(minor, rates[currency])

    rows: dict[tuple[str, int], IossReturnRow] = {}
    for jurisdiction, rate_bps, currency, sums in sales:
        row = rows.setdefault((jurisdiction, rate_bps), IossReturnRow(jurisdiction, rate_bps))
        row.orders += sums["orders"]
        row.sales_taxable_minor += eur(sums["taxable"], currency)
        row.sales_vat_minor += eur(sums["vat"], currency)
    for jurisdiction, rate_bps, currency, sums in refunds:
        row = rows.setdefault((jurisdiction, rate_bps), IossReturnRow(jurisdiction, rate_bps))
        row.refund_taxable_minor += eur(sums["taxable"], currency)
        row.refund_vat_minor += eur(sums["vat"], currency)
    ordered = [rows[key] for key in sorted(rows)]
    return IossReturn(year=year, month=month, rate_date=rate_day, rows=ordered)


def previous_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month
