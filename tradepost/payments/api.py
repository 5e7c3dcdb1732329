"""Payments over the API: pay a checkout, read a payment, refund an order (its seller, or staff
with payments.refund_payment), list an order's refunds, and the test gateway's webhook endpoint.

Money-moving POSTs take an `Idempotency-Key` (tradepost.api.idempotency): a retry returns the
first response. Another buyer's checkout or payment, another store's order: 404.
"""

from django.utils.translation import gettext as _
from ninja import Body, Router, Status

from tradepost import clock
from tradepost.api.auth import require_scope
from tradepost.api.idempotency import HEADER, idempotent
from tradepost.cart import selectors as cart_selectors
from tradepost.errors import InvalidInput
from tradepost.payments import selectors, services, webhooks
from tradepost.payments.errors import NotRefundable
from tradepost.payments.schemas import (
    PayIn,
    PaymentOut,
    RefundIn,
    RefundOut,
    WebhookReceivedOut,
    payment_out,
    refund_out,
)

router = Router(tags=["payments"])


def _payment_response(intent) -> PaymentOut:
    return payment_out(intent, next_url=services.next_url(intent))


@router.post("/checkouts/{public_id}/pay", response={200: PaymentOut})
@idempotent
def pay_checkout(request, public_id: str, payload: Body[PayIn] = None):
    """Start (or return) the checkout's payment. Send the buyer to `next_url`, the gateway's
    hosted card page; or pay at once with `payment_token` from the gateway's tokenisation."""
    require_scope(request, "orders:write")
    checkout = cart_selectors.checkout_for_buyer(request.auth, public_id)
    now = clock.now()
    intent = services.start_checkout_payment(
        checkout=checkout, buyer=request.auth, now=now,
        idempotency_key=request.headers.get(HEADER, ""),
    )  # fmt: skip
    if payload is not None and payload.payment_token:
        intent = services.pay_with_token(intent=intent, token=payload.payment_token, now=now)
    return _payment_response(intent)


@router.get("/payments/{public_id}", response=PaymentOut)
def get_payment(request, public_id: str):
    require_scope(request, "orders:read")
    return _payment_response(selectors.payment_for_user(request.auth, public_id))


def _skus(order) -> dict[int, str]:
    return dict(order.lines.values_list("pk", "sku"))


@router.post("/orders/{public_id}/refunds", response={201: RefundOut})
@idempotent
def create_refund(request, public_id: str, payload: RefundIn):
    """Refund an amount, some lines, or (neither) all that is left of the order's payment."""
    require_scope(request, "orders:write")
    order = selectors.order_for_refunder(request.auth, public_id)
    line_ids = None
    if payload.lines:
        by_sku = {sku: pk for pk, sku in _skus(order).items()}
        unknown = [sku for sku in payload.lines if sku not in by_sku]
        if unknown:
            message = _("This order has no line with the SKU %(sku)s.") % {"sku": unknown[0][:64]}
            raise InvalidInput(fields={"lines": [message]})
        line_ids = [by_sku[sku] for sku in payload.lines]
    refund = services.refund_order(
        order=order, amount_minor=payload.amount_minor, line_ids=line_ids,
        reason=payload.reason, actor=request.auth, now=clock.now(),
    )  # fmt: skip
    if refund is None:
        raise NotRefundable()
    return Status(201, refund_out(refund, _skus(order)))


@router.get("/orders/{public_id}/refunds", response=list[RefundOut])
def list_refunds(request, public_id: str):
    require_scope(request, "orders:read")
    order = selectors.order_for_refund_reader(request.auth, public_id)
    skus = _skus(order)
    return [refund_out(refund, skus) for refund in selectors.refunds_for_order(order)]


@router.post("/payments/webhooks/test", response={200: WebhookReceivedOut}, auth=None)
def test_gateway_webhook(request):
    """The test gateway's webhooks: authenticated by their `Tradepost-Signature` only."""
    receipt = webhooks.receive(
        provider="test", body=request.body, headers=request.headers, now=clock.now()
    )
    if receipt.error is not None:
        raise receipt.error
    return WebhookReceivedOut(received=True, outcome=receipt.outcome)
