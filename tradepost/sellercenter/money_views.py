"""Seller center: the store's money — balance per currency, a statement for any period (page
and CSV) and payouts to the verified payout account.

Thin: every figure comes from ledger.selectors for the signed-in seller (never an id from the
request), every change from ledger.services. A payout of another seller is a 404.
"""

import csv
import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradepost import clock
from tradepost.errors import DomainError
from tradepost.ledger import selectors, services
from tradepost.ledger.models import Payout
from tradepost.ledger.payouts import payout_minimum
from tradepost.money.money import Money, format_money
from tradepost.sellercenter.access import run, store_required

PAGE_SIZE = 25
RECENT_DAYS = 30
RECENT_ROWS = 10
MAX_STATEMENT_DAYS = 3 * 366


def mask(number: str) -> str:
    """An account number with only its last four characters: "•••• 3000"."""
    compact = "".join(str(number or "").split())
    return f"•••• {compact[-4:]}" if compact else ""


def seller_account(seller) -> str:
    return mask(seller.payout_iban or seller.payout_account)


# --- forms -------------------------------------------------------------------------------------


class StatementForm(forms.Form):
    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    start = forms.DateField(
        label=gettext_lazy("From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Both days included."),
    )

    def __init__(self, *args, currencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(code, code) for code in currencies]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        elif start and end and (end - start).days > MAX_STATEMENT_DAYS:
            self.add_error("end", _("Choose a period of at most three years."))
        return data


class PayoutForm(forms.Form):
    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"), max_digits=16, min_value=0,
        help_text=gettext_lazy("At most your available balance."),
    )  # fmt: skip

    def __init__(self, *args, currencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(code, code) for code in currencies]

    def clean(self):
        data = super().clean()
        amount, currency = data.get("amount"), data.get("currency")
        if amount is None or not currency:
            return data
        try:
            data["amount_minor"] = Money.from_decimal(amount, currency).minor
        except DomainError as error:
            self.add_error("amount", str(error.message))
        return data


# --- rows --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceRow:
    currency: str
    in_escrow: Money
    available: Money
    in_payout: Money


@dataclass(frozen=True)
class EntryRow:
    at: dt.datetime
    description: str
    order_id: str
    amount: Money
    balance: Money


def balance_rows(seller) -> list[BalanceRow]:
    return [
        BalanceRow(currency=currency, in_escrow=Money(b.in_escrow, currency),
                   available=Money(b.available, currency), in_payout=Money(b.in_payout, currency))
        for currency, b in sorted(selectors.seller_balances(seller).items())
    ]  # fmt: skip


def entry_rows(statement, currency: str) -> list[EntryRow]:
    return [
        EntryRow(at=row.effective_at, description=row.kind_label,
                 order_id=row.order_public_id or "", amount=Money(row.amount_minor, currency),
                 balance=Money(row.balance_minor, currency))
        for row in statement.rows
    ]  # fmt: skip


def period(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Days `start` to `end`, both included (UTC), as the ledger's half-open [start, end)."""
    return (
        dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC),
    )


def currencies_of(store, balances) -> list[str]:
    found = [row.currency for row in balances]
    return found or [store.settlement_currency]


# --- balance -----------------------------------------------------------------------------------


@store_required
def balance(request, store):
    rows = balance_rows(store.seller)
    today = clock.now().date()
    start, end = period(today - dt.timedelta(days=RECENT_DAYS), today)
    recent: list[EntryRow] = []
    for row in rows:
        found = selectors.statement(
            seller=store.seller, currency=row.currency, start=start, end=end
        )
        recent.extend(entry_rows(found, row.currency))
    recent.sort(key=lambda entry: entry.at, reverse=True)
    context = {"store": store, "balances": rows, "recent": recent[:RECENT_ROWS]}
    return render(request, "sellercenter/money/balance.html", context)


# --- statement ---------------------------------------------------------------------------------


def _statement_form(request, store) -> StatementForm:
    today = clock.now().date()
    currencies = currencies_of(store, balance_rows(store.seller))
    data = request.GET.copy()
    data.setdefault("currency", currencies[0])
    data.setdefault("start", today.replace(day=1).isoformat())
    data.setdefault("end", today.isoformat())
    return StatementForm(data, currencies=currencies)


def _statement(store, form: StatementForm):
    data = form.cleaned_data
    start, end = period(data["start"], data["end"])
    return selectors.statement(seller=store.seller, currency=data["currency"], start=start, end=end)


@store_required
def statement(request, store):
    form = _statement_form(request, store)
    context = {"store": store, "form": form, "statement": None}
    if form.is_valid():
        currency = form.cleaned_data["currency"]
        found = _statement(store, form)
        context |= {
            "statement": {"opening": Money(found.opening, currency),
                          "closing": Money(found.closing, currency),
                          "rows": entry_rows(found, currency)},
            "currency": currency, "start": form.cleaned_data["start"],
            "end": form.cleaned_data["end"], "query": _query(form),
        }  # fmt: skip
    return render(request, "sellercenter/money/statement.html", context)


def _query(form: StatementForm) -> str:
    from urllib.parse import urlencode

    data = form.cleaned_data
    return urlencode(
        {"currency": data["currency"], "start": data["start"].isoformat(),
         "end": data["end"].isoformat()}
    )  # fmt: skip


@store_required
def statement_csv(request, store):
    form = _statement_form(request, store)
    if not form.is_valid():
        return render(
            request, "sellercenter/money/statement.html",
            {"store": store, "form": form, "statement": None}, status=400,
        )  # fmt: skip
    data = form.cleaned_data
    found = _statement(store, form)
    name = f"statement-{data['currency']}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    write_statement_csv(response, found, data["currency"], data["start"], data["end"])
    return response


def write_statement_csv(out, found, currency: str, start: dt.date, end: dt.date) -> None:
    """Opening line, one line per entry (amount and running balance as decimals of the
    currency), closing line: the same figures as the page."""

    def amount(minor: int) -> str:
        return str(Money(minor, currency).amount)

    writer = csv.writer(out)
    writer.writerow(["date", "description", "order", "currency", "amount", "balance"])
    writer.writerow([start.isoformat(), _("Opening balance"), "", currency, "",
                     amount(found.opening)])  # fmt: skip
    for row in found.rows:
        writer.writerow([
            row.effective_at.isoformat(), row.kind_label, row.order_public_id or "",
            currency, amount(row.amount_minor), amount(row.balance_minor),
        ])  # fmt: skip
    writer.writerow([end.isoformat(), _("Closing balance"), "", currency, "",
                     amount(found.closing)])  # fmt: skip


# --- payouts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayoutRow:
    payout: Payout
    amount: Money
    account: str


def payout_rows(payouts) -> list[PayoutRow]:
    return [
        PayoutRow(
            payout=p, amount=Money(p.amount_minor, p.currency), account=mask(p.account_number)
        )
        for p in payouts
    ]


def _available(rows: list[BalanceRow]) -> list[dict]:
    return [
        {"currency": row.currency, "available": row.available,
         "minimum": Money(payout_minimum(row.currency), row.currency)}
        for row in rows if row.available.minor > 0
    ]  # fmt: skip


@store_required
def payouts(request, store):
    seller = store.seller
    available = _available(balance_rows(seller))
    currencies = [row["currency"] for row in available] or [store.settlement_currency]
    initial = {"currency": request.GET.get("currency") or currencies[0]}
    form = PayoutForm(request.POST or None, currencies=currencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        payout = run(
            form,
            lambda: services.request_payout(
                seller=seller, currency=data["currency"], amount_minor=data["amount_minor"],
                now=clock.now(), actor=request.user,
            ),
        )  # fmt: skip
        if payout is not None:
            amount = format_money(Money(payout.amount_minor, payout.currency))
            messages.success(request, _("Payout of %(amount)s requested.") % {"amount": amount})
            return redirect("sellercenter:money_payouts")
    page = Paginator(selectors.payouts_for_seller(seller), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "store": store, "form": form, "available": available, "page": page,
        "rows": payout_rows(page.object_list), "account": seller_account(seller),
    }  # fmt: skip
    return render(request, "sellercenter/money/payouts.html", context)
