"""The buyer's order pages: list, detail with its charges and timeline, cancel an unpaid order,
confirm receipt of a shipped one.
Another buyer's order is not found (404), whatever the page or action."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradepost import clock
from tradepost.cart.pricing import rate_text
from tradepost.errors import DomainError
from tradepost.money import fx
from tradepost.orders import selectors, services
from tradepost.orders.states import CONFIRMABLE, OrderStatus
from tradepost.tracking import selectors as tracking


@login_required
@require_GET
def order_list(request):
    pages = Paginator(selectors.orders_for_buyer(request.user), selectors.PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    return render(request, "storefront/order_list.html", {"page": page, "orders": page})


def _rate_text(order) -> str:
    if order.store_currency == order.currency:
        return ""
    rate = fx.Rate(
        base=order.store_currency,
        quote=order.currency,
        value=Decimal(order.fx_rate),
        leg_dates=(order.fx_rate_date,) if order.fx_rate_date else (),
        source="order",
    )
    return rate_text(rate)


@login_required
@require_GET
def order_detail(request, public_id: str):
    order = selectors.order_for_buyer(request.user, public_id)
    can_confirm = order.status in CONFIRMABLE
    context = {
        "order": order,
        "rate_text": _rate_text(order),
        "can_cancel": order.status == OrderStatus.AWAITING_PAYMENT,
        "can_confirm": can_confirm,
        "can_extend": can_confirm
        and order.auto_confirm_at is not None
        and order.protection_extended_at is None,
        "extension_days": settings.PROTECTION_EXTENSION_DAYS,
        "tracking": tracking.tracking_for_order(order) if order.shipped_at else None,
    }
    return render(request, "storefront/order_detail.html", context)


@login_required
@require_POST
def order_cancel(request, public_id: str):
    order = selectors.order_for_buyer(request.user, public_id)
    try:
        services.cancel_by_buyer(
            order=order, buyer=request.user, reason=request.POST.get("reason", ""), now=clock.now()
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your order was cancelled."))
    return redirect("storefront:order", public_id=order.public_id)


@login_required
@require_POST
def order_confirm_receipt(request, public_id: str):
    order = selectors.order_for_buyer(request.user, public_id)
    try:
        services.confirm_receipt(order=order, buyer=request.user, now=clock.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Thank you: receipt confirmed and the seller paid."))
    return redirect("storefront:order", public_id=order.public_id)


@login_required
@require_POST
def order_extend_protection(request, public_id: str):
    order = selectors.order_for_buyer(request.user, public_id)
    try:
        services.extend_protection(order=order, buyer=request.user, now=clock.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Protection extended: your money stays in escrow until %(date)s.")
            % {"date": date_format(localtime(order.auto_confirm_at), "DATE_FORMAT")},
        )
    return redirect("storefront:order", public_id=order.public_id)
