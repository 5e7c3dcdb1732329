"""Refunds: from escrow back through the gateway, never more than what an order's payment left.

`refund_order` locks the order (and its allocation), counts what is left (the amount the payment
put on the order minus every refund not failed), records the refund, posts it to the ledger
(escrow → gateway clearing), then asks the gateway — last, so that a refusal by the ledger or
the gateway rolls everything back and nothing is half done. The gateway's idempotency key comes
from the Refund's public id. Concurrent refunds of one order queue on the order's row lock
(PostgreSQL) or the write lock (SQLite), so ten at once can never give back more than was paid.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Sum

from tradepost.orders.models import Order
from tradepost.orders.states import OrderStatus
from tradepost.payments import errors
from tradepost.payments.gateways import get_gateway
from tradepost.payments.gateways.base import GatewayError
from tradepost.payments.models import PaymentAllocation, Refund, RefundEvent
from tradepost.payments.states import COUNTED_REFUNDS, PaymentStatus, RefundStatus
from tradepost.payments.transitions import transition_refund
from tradepost.taxes import services as taxes

# Order statuses whose payment may still be refunded (completed: the escrow went to the seller).
REFUNDABLE = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.CANCELLED,
        OrderStatus.REFUNDED,
    }
)
MAX_REASON = 1000


def refunded_minor(allocation: PaymentAllocation) -> int:
    counted = Refund.objects.filter(
        intent_id=allocation.intent_id, order_id=allocation.order_id, status__in=COUNTED_REFUNDS
    )
    return counted.aggregate(total=Sum("amount_minor"))["total"] or 0


def paying_allocation(order: Order) -> PaymentAllocation | None:
    """The part of the payment that paid `order` (None if it was never paid by a payment)."""
    return (
        PaymentAllocation.objects.select_related("intent")
        .filter(order=order, outcome="paid", intent__status=PaymentStatus.SUCCEEDED)
        .first()
    )


def refundable_minor(order: Order) -> int:
    allocation = paying_allocation(order)
    if allocation is None or order.status not in REFUNDABLE:
        return 0
    return allocation.amount_minor - refunded_minor(allocation)


def refund_order(  # noqa: PLR0913 - keyword-only, as the contract names them
    *,
    order: Order,
    amount_minor: int | None = None,
    line_ids: list[int] | None = None,
    reason: str,
    actor,
    now: dt.datetime,
) -> Refund | None:
    """Refund `amount_minor`, or the given order lines' totals, or (neither) all that is left —
    None when that is nothing (an order marked paid without a payment, as order-state tests do,
    or one already refunded in full). A refund that leaves nothing moves the order: paid →
    cancelled, shipped/delivered → refunded (an order already cancelled stays so). Raises
    NotRefundable for an explicit amount or lines when nothing is left, and for orders not paid
    or already completed (their escrow went to the seller)."""
    reason = (reason or "").strip()[:MAX_REASON]
    everything_left = amount_minor is None and not line_ids
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in REFUNDABLE:
            raise errors.NotRefundable()
        allocation = paying_allocation(locked)
        if allocation is not None:
            PaymentAllocation.objects.select_for_update().filter(pk=allocation.pk).first()
        left = 0 if allocation is None else allocation.amount_minor - refunded_minor(allocation)
        if left <= 0:
            if everything_left:
                return None  # nothing was paid through a payment, or all of it is back already
            raise errors.NotRefundable()
        amount, lines = _amount(locked, allocation, amount_minor, line_ids)
        if amount > left:
            raise errors.RefundTooLarge(left_minor=left)
        refund = _execute(
            allocation=allocation, amount=amount, lines=lines, reason=reason, actor=actor,
            now=now, automatic=False,
        )  # fmt: skip
        if amount == left:
            _close(locked, actor=actor, reason=reason, now=now)
    order.status = locked.status
    return refund


def _amount(order, allocation, amount_minor, line_ids) -> tuple[int, list[int]]:
    if line_ids:
        if amount_minor is not None:
            raise errors.InvalidRefund()
        wanted = {int(pk) for pk in line_ids}
        lines = dict(order.lines.filter(pk__in=wanted).values_list("pk", "line_total_minor"))
        done = set()
        for earlier in Refund.objects.filter(
            intent_id=allocation.intent_id, order=order, status__in=COUNTED_REFUNDS
        ).values_list("line_ids", flat=True):
            done.update(earlier or [])
        if set(lines) != wanted or wanted & done:
            raise errors.InvalidRefund(
                fields={"lines": [str(errors.InvalidRefund.default_message)]}
            )
        return sum(lines.values()), sorted(wanted)
    if amount_minor is None:
        return allocation.amount_minor - refunded_minor(allocation), []
    if isinstance(amount_minor, bool) or not isinstance(amount_minor, int) or amount_minor < 1:
        raise errors.InvalidRefund(
            fields={"amount_minor": [str(errors.InvalidRefund.default_message)]}
        )
    return amount_minor, []


def _close(order: Order, *, actor, reason: str, now: dt.datetime) -> None:
    from tradepost.orders.services import transition_order

    target = {
        OrderStatus.PAID: OrderStatus.CANCELLED,
        OrderStatus.SHIPPED: OrderStatus.REFUNDED,
        OrderStatus.DELIVERED: OrderStatus.REFUNDED,
    }.get(order.status)
    if target is not None:
        transition_order(order=order, to=target, actor=actor, reason=reason or "refunded", now=now)


def refund_allocation(*, allocation: PaymentAllocation, reason: str, now: dt.datetime) -> Refund:
    """Give back everything a capture put on an order it could not pay (no order status change);
    called inside the capture's transaction."""
    left = allocation.amount_minor - refunded_minor(allocation)
    return _execute(
        allocation=allocation, amount=left, lines=[], reason=reason, actor=None, now=now,
        automatic=True,
    )  # fmt: skip


def _execute(*, allocation, amount, lines, reason, actor, now, automatic) -> Refund:  # noqa: PLR0913
    from tradepost.ledger import services as ledger

    intent, order = allocation.intent, allocation.order
    refund = Refund.objects.create(
        intent=intent, order=order, amount_minor=amount, currency=intent.currency,
        line_ids=lines, status=RefundStatus.PENDING, reason=reason, automatic=automatic,
        actor=actor, created_at=now,
    )  # fmt: skip
    RefundEvent.objects.create(
        refund=refund, from_status="", to_status=refund.status, actor=actor, reason=reason[:1000],
        created_at=now,
    )  # fmt: skip
    ledger.record_refund(
        reference=f"refund:{refund.public_id}", order=order, amount_minor=amount, now=now
    )
    # The import VAT/duty in the refund is no longer owed: the IOSS return nets it out (the
    # ledger does too, as release posts tax in proportion to the escrow left).
    vat_back, duty_back = taxes.tax_share_of_refund(order=order, refund_minor=amount)
    taxes.record_tax_refund(order=order, vat_minor=vat_back, duty_minor=duty_back, now=now)
    try:
        result = get_gateway(intent.gateway).refund(
            ref=intent.gateway_ref,
            amount_minor=amount,
            idempotency_key=f"tp:{refund.public_id}:refund",
            metadata={"refund": refund.public_id, "order": order.public_id},
        )
    except GatewayError as error:
        raise errors.PaymentGatewayFailed(code=error.code) from None
    if result.status != RefundStatus.SUCCEEDED:
        raise errors.PaymentGatewayFailed(code=f"refund_{result.status}")
    ledger.record_refund_sent(
        reference=f"refund-sent:{refund.public_id}", order=order, amount_minor=amount, now=now
    )
    return transition_refund(
        refund=refund, to=RefundStatus.SUCCEEDED, now=now, reason="the gateway refunded",
        gateway_ref=result.ref, completed_at=now,
    )  # fmt: skip


def confirm_from_webhook(*, refund_ref: str, metadata: dict[str, str]) -> str:
    """A gateway's refund.succeeded: "ignored" for a refund we made (already recorded when the
    gateway answered), "unmatched" for one we have no record of (for finance to reconcile)."""
    known = Refund.objects.filter(gateway_ref=refund_ref).exists() or (
        metadata.get("refund")
        and Refund.objects.filter(public_id=str(metadata["refund"])[:24]).exists()
    )
    return "ignored" if known else "unmatched"
