"""Seller center: the store's orders — what to ship, one order's details, ship it or cancel it.

Thin: forms → orders.services; every read goes through orders.selectors with the seller's own
store, so another store's order is a 404 and nothing changes. The ship and cancel forms post
with CSRF; htmx swaps the order's panel in place, a plain post redirects to the order.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.money.money import Money
from tradepost.orders import selectors, services
from tradepost.orders.models import Order
from tradepost.orders.schemas import actor_role, rate_text
from tradepost.orders.services import MAX_REASON, MAX_SHIPMENT_FIELD
from tradepost.orders.states import OrderStatus
from tradepost.sellercenter.access import run, store_required
from tradepost.shipping.carriers import CARRIERS, OTHER
from tradepost.tracking import selectors as tracking

PAGE_SIZE = 25
TO_SHIP = OrderStatus.PAID
ALL = "all"
ROLES = {
    "buyer": gettext_lazy("Buyer"),
    "seller": gettext_lazy("You"),
    "staff": gettext_lazy("Marketplace staff"),
    "system": gettext_lazy("Automatic"),
}


class OrderFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=selectors.MAX_SEARCH,
        help_text=gettext_lazy("Order id, buyer name, SKU or tracking number"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            (TO_SHIP, gettext_lazy("To ship")),
            *((value, label) for value, label in OrderStatus.choices if value != TO_SHIP),
            (ALL, gettext_lazy("All orders")),
        ],
    )


def carrier_choices() -> list[tuple[str, str]]:
    named = sorted(((code, c.name) for code, c in CARRIERS.items()), key=lambda pair: pair[1])
    return [*named, (OTHER, gettext_lazy("Other carrier"))]


class ShipForm(forms.Form):
    carrier = forms.ChoiceField(label=gettext_lazy("Carrier"), choices=carrier_choices)
    tracking_number = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=MAX_SHIPMENT_FIELD,
        help_text=gettext_lazy("As printed on the label; it is checked against the carrier."),
    )

    @classmethod
    def for_order(cls, order: Order) -> "ShipForm":
        """A blank form with the carrier the buyer was promised (the template zone's) chosen."""
        planned = order.planned_carrier if order.planned_carrier in CARRIERS else None
        return cls(initial={"carrier": planned} if planned else None)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The buyer sees it."),
    )


@dataclass(frozen=True)
class OrderRow:
    order: Order
    buyer_name: str
    units: int
    store_total: Money
    buyer_total: Money


def _row(order: Order) -> OrderRow:
    return OrderRow(
        order=order,
        buyer_name=str((order.shipping_address or {}).get("full_name") or ""),
        units=sum(line.quantity for line in order.lines.all()),
        store_total=Money(
            order.store_items_minor + order.store_shipping_minor, order.store_currency
        ),
        buyer_total=Money(order.total_minor, order.currency),
    )


def _filters(request) -> tuple[OrderFilterForm, str | None, str]:
    data = request.GET.copy()
    data.setdefault("status", TO_SHIP)
    form = OrderFilterForm(data)
    if not form.is_valid():
        return form, TO_SHIP, ""
    status = form.cleaned_data["status"] or TO_SHIP
    return form, None if status == ALL else status, form.cleaned_data["q"].strip()


@store_required
def order_list(request, store):
    """Orders to ship by default; any status, or all, and a search."""
    filters, status, query = _filters(request)
    rows = selectors.orders_for_store(store, status=status, search=query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"store": store, "filters": filters, "page": page, "query": params.urlencode(),
               "rows": [_row(order) for order in page.object_list]}  # fmt: skip
    return render(request, "sellercenter/orders/order_list.html", context)


def _detail_context(store, order: Order, **forms_) -> dict:
    currency, store_currency = order.currency, order.store_currency
    events = [
        {"event": event, "by": ROLES[actor_role(order, event)]} for event in order.events.all()
    ]
    lines = [
        {"line": line, "unit": Money(line.unit_price_minor, store_currency),
         "store_total": Money(line.store_line_total_minor, store_currency),
         "buyer_total": Money(line.line_total_minor, currency)}
        for line in order.lines.all()
    ]  # fmt: skip
    amounts = {
        "store_items": Money(order.store_items_minor, store_currency),
        "store_shipping": Money(order.store_shipping_minor, store_currency),
        "items": Money(order.items_minor, currency),
        "total": Money(order.total_minor, currency),
        "charges": [(c, Money(c.amount_minor, currency)) for c in order.charges.all()],
    }
    actionable = order.status == OrderStatus.PAID
    return {
        "store": store, "order": order, "lines": lines, "events": events, "amounts": amounts,
        "rate": rate_text(order), "address": order.shipping_address or {},
        "ship_form": _form(forms_.get("ship_form"), lambda: ShipForm.for_order(order), actionable),
        "tracking": tracking.tracking_for_order(order) if order.shipped_at else None,
        "cancel_form": _form(forms_.get("cancel_form"), CancelForm, actionable),
        "done": forms_.get("done", ""),
    }  # fmt: skip


def _form(posted, blank, actionable: bool):
    """The posted form (with its errors), else a blank one while the order can still move."""
    if posted is not None:
        return posted
    return blank() if actionable else None


def _show(request, store, public_id: str, **forms_):
    order = selectors.order_for_store(store, public_id)
    context = _detail_context(store, order, **forms_)
    if request.htmx:
        return render(request, "sellercenter/orders/_order_panel.html", context)
    return render(request, "sellercenter/orders/order_detail.html", context)


@store_required
def order_detail(request, store, public_id: str):
    return _show(request, store, public_id)


def _after(request, store, public_id: str, done, message: str, **forms_):
    """Success: a message, then the order (htmx: its refreshed panel). Else the form errors."""
    if done is None:
        return _show(request, store, public_id, **forms_)
    if request.htmx:
        return _show(request, store, public_id, done=message)
    messages.success(request, message)
    return redirect("sellercenter:order_detail", public_id=public_id)


@store_required
@require_POST
def order_ship(request, store, public_id: str):
    order = selectors.order_for_store(store, public_id)
    form = ShipForm(request.POST)
    done = None
    if form.is_valid():
        done = run(
            form,
            lambda: services.ship_order(
                order=order, seller_user=request.user, now=clock.now(), **form.cleaned_data
            ),
        )
    message = _("Order %(id)s marked as shipped.") % {"id": order.public_id}
    return _after(request, store, public_id, done, message, ship_form=form)


@store_required
@require_POST
def order_cancel(request, store, public_id: str):
    order = selectors.order_for_store(store, public_id)
    form = CancelForm(request.POST)
    done = None
    if form.is_valid():
        done = run(
            form,
            lambda: services.cancel_by_seller(
                order=order, seller_user=request.user, reason=form.cleaned_data["reason"],
                now=clock.now(),
            ),
        )  # fmt: skip
    message = _("Order %(id)s cancelled.") % {"id": order.public_id}
    return _after(request, store, public_id, done, message, cancel_form=form)
