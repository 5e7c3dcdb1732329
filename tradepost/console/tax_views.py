"""Staff console: the monthly IOSS VAT return (per member state and rate, in EUR, refunds
adjusted) as a page and as CSV. Finance staff only (the finance overview's permission).
Figures come from taxes.selectors.ioss_return."""

import csv
import datetime as dt
import io

from django.http import HttpResponse
from django.shortcuts import render
from django_countries import countries

from tradepost import clock
from tradepost.console.finance_views import VIEW_FINANCE
from tradepost.console.seller_views import permission_required
from tradepost.errors import DomainError
from tradepost.money.money import Money
from tradepost.taxes import selectors
from tradepost.taxes.services import rate_percent_text

TEMPLATE = "console/taxes/ioss_return.html"
CSV_COLUMNS = [
    "member_state", "rate_percent", "orders", "taxable_eur", "vat_eur",
    "refunds_taxable_eur", "refunds_vat_eur", "net_taxable_eur", "net_vat_eur",
]  # fmt: skip


def _period(request) -> tuple[int, int]:
    text = request.GET.get("month", "")
    if not text:
        return selectors.previous_month(clock.now().date())
    return selectors.parse_month(text)


def _eur(minor: int) -> Money:
    return Money(minor, "EUR")


def _row(row: selectors.IossReturnRow) -> dict:
    return {
        "jurisdiction": row.jurisdiction, "name": countries.name(row.jurisdiction),
        "rate": rate_percent_text(row.rate_bps), "orders": row.orders,
        "sales_taxable": _eur(row.sales_taxable_minor), "sales_vat": _eur(row.sales_vat_minor),
        "refund_taxable": _eur(row.refund_taxable_minor),
        "refund_vat": _eur(row.refund_vat_minor),
        "taxable": _eur(row.taxable_minor), "vat": _eur(row.vat_minor),
    }  # fmt: skip


@permission_required(VIEW_FINANCE)
def ioss_return(request):
    month_text = request.GET.get("month", "")
    try:
        year, month = _period(request)
        report = selectors.ioss_return(year, month)
    except DomainError as error:
        context = {"month_value": month_text, "error": error.message}
        return render(request, TEMPLATE, context, status=error.http_status)
    context = {
        "month_value": f"{year:04d}-{month:02d}", "month_start": dt.date(year, month, 1),
        "report": report, "rows": [_row(row) for row in report.rows],
        "total_taxable": _eur(report.taxable_minor), "total_vat": _eur(report.vat_minor),
    }  # fmt: skip
    return render(request, TEMPLATE, context)


def _csv_text(report: selectors.IossReturn) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        amounts = (row.sales_taxable_minor, row.sales_vat_minor, row.refund_taxable_minor,
                   row.refund_vat_minor, row.taxable_minor, row.vat_minor)  # fmt: skip
        rate = f"{row.rate_bps / 100:.2f}"
        writer.writerow([row.jurisdiction, rate, row.orders, *(_eur(m).amount for m in amounts)])
    return out.getvalue()


@permission_required(VIEW_FINANCE)
def ioss_return_csv(request):
    try:
        year, month = selectors.parse_month(request.GET.get("month", ""))
        report = selectors.ioss_return(year, month)
    except DomainError as error:
        context = {"month_value": request.GET.get("month", ""), "error": error.message}
        return render(request, TEMPLATE, context, status=error.http_status)
    response = HttpResponse(_csv_text(report), content_type="text/csv; charset=utf-8")
    filename = f"ioss-return-{year:04d}-{month:02d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
