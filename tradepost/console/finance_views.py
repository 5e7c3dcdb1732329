"""Staff console: finance — escrow held, commission earned, tax collected, the payouts queue
(approve, export a bank batch, mark paid or failed) and the one-click ledger check.

Only staff with the finance permissions see these pages (others get the console's 404). Every
figure comes from ledger.selectors, every change from ledger.services.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.console.seller_views import permission_required
from tradepost.errors import DomainError
from tradepost.ledger import selectors, services
from tradepost.ledger.models import Payout, PayoutBatch
from tradepost.ledger.states import ALLOWED, IN_FLIGHT, PayoutStatus
from tradepost.money.money import Money
from tradepost.sellercenter.money_views import mask

VIEW_FINANCE = "ledger.view_journalentry"
MANAGE_PAYOUTS = "ledger.manage_payouts"
CHECK_LEDGER = "ledger.check_ledger"
PAGE_SIZE = 50
RECENT_BATCHES = 5
MAX_REASON = 500
PAYOUT_ROW = "console/finance/_payout_row.html"
OPEN = "open"  # the queue's default: requested, approved and exported payouts


# --- overview ----------------------------------------------------------------------------------


def _overview_context() -> dict:
    escrow = [
        Money(minor, currency)
        for currency, minor in sorted(selectors.escrow_total_by_currency().items())
    ]
    commission = [
        {"month": month, "amount": Money(total, currency)}
        for month, currency, total in selectors.commission_revenue_by_month()
    ]
    tax = [
        {"jurisdiction": jurisdiction, "amount": Money(total, currency)}
        for jurisdiction, currency, total in selectors.tax_payable_by_jurisdiction()
    ]
    counts = dict(
        selectors.payouts_queue().order_by().values_list("status").annotate(n=Count("id"))
    )
    queue_counts = [
        {"label": label, "count": counts.get(value, 0)}
        for value, label in PayoutStatus.choices
        if value in IN_FLIGHT
    ]
    return {"escrow": escrow, "commission": commission, "tax": tax, "queue_counts": queue_counts}


@permission_required(VIEW_FINANCE)
def overview(request):
    return render(request, "console/finance/overview.html", _overview_context())


@permission_required(CHECK_LEDGER)
@require_POST
def ledger_check(request):
    context = {"checked": True, "problems": selectors.check_invariants(),
               "checked_at": clock.now()}  # fmt: skip
    if request.htmx:
        return render(request, "console/finance/_check.html", context)
    if not request.user.has_perm(VIEW_FINANCE):
        raise Http404
    return render(request, "console/finance/overview.html", _overview_context() | context)


# --- payouts queue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    payout: Payout
    seller_name: str
    amount: Money
    account: str
    error: str = ""

    @property
    def can_approve(self) -> bool:
        return PayoutStatus.APPROVED in ALLOWED[self.payout.status]

    @property
    def can_pay(self) -> bool:
        return self.payout.status == PayoutStatus.EXPORTED

    @property
    def can_fail(self) -> bool:
        return PayoutStatus.FAILED in ALLOWED[self.payout.status]


def queue_row(payout: Payout, error: str = "") -> QueueRow:
    seller = payout.seller
    return QueueRow(
        payout=payout, seller_name=seller.legal_name or seller.email,
        amount=Money(payout.amount_minor, payout.currency),
        account=f"{payout.account_holder} {mask(payout.account_number)}".strip(), error=error,
    )  # fmt: skip


def _status_filter(request) -> str:
    status = request.GET.get("status") or OPEN
    return status if status in (OPEN, *PayoutStatus.values) else OPEN


@permission_required(MANAGE_PAYOUTS)
def payout_queue(request):
    status = _status_filter(request)
    if status == OPEN:
        rows = selectors.payouts_queue()
    else:  # the history of one status, newest first
        rows = Payout.objects.filter(status=status).select_related("seller", "batch")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "rows": [queue_row(p) for p in page.object_list], "status": status,
        "statuses": [(OPEN, _("Open")), *PayoutStatus.choices],
        "approved_count": Payout.objects.filter(status=PayoutStatus.APPROVED).count(),
        "batches": PayoutBatch.objects.all()[:RECENT_BATCHES],
    }  # fmt: skip
    return render(request, "console/finance/payouts.html", context)


def _act(request, payout: Payout, action: str):
    now, actor = clock.now(), request.user
    if action == "approve":
        return services.approve_payout(payout=payout, actor=actor, now=now)
    if action == "paid":
        return services.mark_payout_paid(payout=payout, actor=actor, now=now)
    reason = request.POST.get("reason", "").strip()[:MAX_REASON]
    if not reason:
        raise DomainError(_("Say why the payout failed."))
    return services.mark_payout_failed(payout=payout, actor=actor, reason=reason, now=now)


DONE = {
    "approve": lambda p: _("Payout %(id)s approved.") % {"id": p.public_id},
    "paid": lambda p: _("Payout %(id)s marked as paid.") % {"id": p.public_id},
    "failed": lambda p: (
        _("Payout %(id)s marked as failed; the money is back on the seller's balance.")
        % {"id": p.public_id}
    ),  # fmt: skip
}


@permission_required(MANAGE_PAYOUTS)
@require_POST
def payout_action(request, public_id: str, action: str):
    if action not in DONE:
        raise Http404
    payout = get_object_or_404(
        Payout.objects.select_related("seller", "batch"), public_id=public_id
    )
    error = ""
    try:
        _act(request, payout, action)
    except DomainError as failure:
        if failure.http_status == 404:
            raise
        error = " ".join([str(failure.message), *_field_messages(failure)])
    payout = Payout.objects.select_related("seller", "batch").get(pk=payout.pk)
    if request.htmx:
        return render(request, PAYOUT_ROW, {"row": queue_row(payout, error)})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, DONE[action](payout))
    return redirect("console:finance_payouts")


def _field_messages(error: DomainError) -> list[str]:
    return [str(m) for messages_ in error.fields.values() for m in messages_]


def _csv_response(batch: PayoutBatch, text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payouts-{batch.public_id}.csv"'
    return response


@permission_required(MANAGE_PAYOUTS)
@require_POST
def export_batch(request):
    try:
        batch, text = services.export_payout_batch(actor=request.user, now=clock.now())
    except DomainError as error:
        if error.http_status == 404:
            raise
        messages.error(request, str(error.message))
        return redirect("console:finance_payouts")
    return _csv_response(batch, text)


@permission_required(MANAGE_PAYOUTS)
def batch_csv(request, public_id: str):
    batch = get_object_or_404(PayoutBatch, public_id=public_id)
    return _csv_response(batch, batch.csv_text)
