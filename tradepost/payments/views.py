"""The buyer's pay page and payment status page (mounted in storefront.urls).

Pay: the checkout's amount still to pay and its orders; "Pay with card" starts (or reopens) the
checkout's payment and sends the buyer to the gateway's hosted card page, which sends them back
to the status page: processing (polled with htmx until the gateway's webhook arrives), paid (with
links to the orders), or failed with the card's decline reason and "try again". Only the
checkout's buyer sees either page: anyone else gets 404.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tradepost import clock
from tradepost.cart.selectors import checkout_for_buyer
from tradepost.errors import DomainError
from tradepost.orders.states import OrderStatus
from tradepost.payments import errors, selectors, services
from tradepost.payments.gateways.base import ChargeStatus
from tradepost.payments.states import PaymentStatus

DECLINE_MESSAGES = {
    "card_declined": gettext_lazy("Your card was declined. Try another card, or ask your bank."),
    "insufficient_funds": gettext_lazy(
        "Your card has insufficient funds for this payment. Try another card."
    ),
    "expired_card": gettext_lazy("Your card has expired. Try another card."),
    "authentication_failed": gettext_lazy(
        "Your bank could not confirm it was you (3-D Secure). Try again, or use another card."
    ),
}
GENERIC_DECLINE = gettext_lazy("The payment did not go through. Try again.")


def decline_message(code: str) -> str:
    return str(DECLINE_MESSAGES.get(code, GENERIC_DECLINE))


def _pay_context(checkout) -> dict:
    orders = list(checkout.orders.all())
    payable = [order for order in orders if order.status == OrderStatus.AWAITING_PAYMENT]
    return {
        "checkout": checkout,
        "orders": orders,
        "payable": payable,
        "to_pay_minor": sum(order.total_minor for order in payable),
        "payment": selectors.active_payment(checkout),
        "token": secrets.token_urlsafe(24),
    }


@login_required
@require_http_methods(["GET", "POST"])
def pay(request, public_id: str):
    checkout = checkout_for_buyer(request.user, public_id)
    if request.method == "POST":
        return _start(request, checkout)
    context = _pay_context(checkout)
    payment = context["payment"]
    if payment is not None and payment.status == PaymentStatus.SUCCEEDED:
        return redirect("storefront:checkout_payment", public_id=checkout.public_id)
    return render(request, "payments/pay.html", context)


def _start(request, checkout):
    token = str(request.POST.get("token", ""))[:64] or secrets.token_urlsafe(24)
    status_path = _status_path(checkout)
    try:
        intent = services.start_checkout_payment(
            checkout=checkout, buyer=request.user, now=clock.now(),
            idempotency_key=f"page:{token}", return_url=request.build_absolute_uri(status_path),
        )  # fmt: skip
        target = services.next_url(intent)
    except errors.AlreadyPaid:
        return redirect(status_path)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("storefront:checkout_pay", public_id=checkout.public_id)
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = status_path
    return redirect(target)


def _status_path(checkout) -> str:
    return reverse("storefront:checkout_payment", kwargs={"public_id": checkout.public_id})


def display_state(payment) -> tuple[str, str]:
    """(state, URL to continue at the gateway): succeeded, failed, processing, requires_action,
    not_paid. Our status decides once it is final; before that the gateway is asked (read only)
    whether the buyer already paid there, which shows as processing until its webhook is in."""
    if payment.status == PaymentStatus.SUCCEEDED:
        return "succeeded", ""
    if payment.status in (PaymentStatus.FAILED, PaymentStatus.CANCELED):
        return "failed", ""
    try:
        state = services.retrieve(payment)
    except DomainError:
        return "processing", ""
    if state.status == ChargeStatus.SUCCEEDED or state.decline_code:
        return "processing", ""
    if state.status == ChargeStatus.REQUIRES_ACTION:
        return "requires_action", state.next_url
    return "not_paid", ""


@login_required
@require_GET
def payment_status(request, public_id: str):
    checkout = checkout_for_buyer(request.user, public_id)
    payment = selectors.active_payment(checkout)
    if payment is None:
        return redirect("storefront:checkout_pay", public_id=checkout.public_id)
    state, continue_url = display_state(payment)
    context = {
        "checkout": checkout,
        "payment": payment,
        "state": state,
        "continue_url": continue_url,
        "decline": decline_message(payment.failure_code) if state == "failed" else "",
        "orders": list(checkout.orders.all()),
    }
    if request.htmx:
        return render(request, "payments/_status_panel.html", context)
    return render(request, "payments/status.html", context)
