"""Applying what the gateway reports: a payment succeeded (captured), failed, or asks for 3-D
Secure. Each function locks the intent and is idempotent: the same news twice, or news older than
what is already known, changes nothing and returns False.

A capture, in one transaction: the intent → succeeded; a checkout's awaiting orders → paid
(orders.services.mark_checkout_paid); the whole amount into escrow per order
(ledger.services.record_capture); and every order this payment could not pay (cancelled after
its deadline, or paid by another payment meanwhile) refunded at once — money is never kept
without an order. A deposit: ledger.record_deposit_paid + sellers.services.deposit_paid.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils.translation import gettext as _

from tradepost.payments import refunds
from tradepost.payments.gateways.base import Card, ChargeStatus, GatewayIntent
from tradepost.payments.models import PaymentAllocation, PaymentIntent
from tradepost.payments.states import PaymentPurpose, PaymentStatus
from tradepost.payments.transitions import transition_intent

logger = logging.getLogger(__name__)

PAID, RETURNED = "paid", "returned"


def _locked(intent: PaymentIntent) -> PaymentIntent:
    return (
        PaymentIntent.objects.select_for_update(of=("self",))
        .select_related("checkout", "seller")
        .get(pk=intent.pk)
    )


def _card_fields(card: Card | None) -> dict:
    if card is None:
        return {}
    return {
        "card_token": card.token[:64],
        "card_brand": card.brand[:20],
        "card_last4": card.last4[-4:],
        "card_exp_month": card.exp_month,
        "card_exp_year": card.exp_year,
    }


def apply_succeeded(*, intent: PaymentIntent, card: Card | None, now: dt.datetime) -> bool:
    with transaction.atomic():
        locked = _locked(intent)
        if locked.status == PaymentStatus.SUCCEEDED:
            return False
        fields = {**_card_fields(card), "failure_code": ""}
        PaymentIntent.objects.filter(pk=locked.pk).update(**fields)
        reason = "captured after it was replaced" if locked.status == PaymentStatus.CANCELED else ""
        transition_intent(intent=locked, to=PaymentStatus.SUCCEEDED, now=now, reason=reason)
        if locked.purpose == PaymentPurpose.CHECKOUT:
            _settle_checkout(locked, now)
        else:
            _settle_deposit(locked, now)
    return True


def _settle_checkout(intent: PaymentIntent, now: dt.datetime) -> None:
    from tradepost.ledger import services as ledger
    from tradepost.orders import services as orders

    allocations = list(intent.allocations.select_related("order", "order__checkout"))
    paid_now, _not_payable = orders.mark_checkout_paid(checkout=intent.checkout, now=now)
    paid_ids = {order.pk for order in paid_now}
    ledger.record_capture(
        reference=f"capture:{intent.public_id}",
        currency=intent.currency,
        per_order=[(a.order, a.amount_minor) for a in allocations if a.amount_minor > 0],
        now=now,
    )
    stray = paid_ids - {a.order_id for a in allocations}
    if stray:  # cannot happen while allocations are made from the awaiting orders
        logger.error("payment %s paid orders it did not allocate: %s", intent.public_id, stray)
    for allocation in allocations:
        allocation.outcome = PAID if allocation.order_id in paid_ids else RETURNED
    PaymentAllocation.objects.bulk_update(allocations, ["outcome"])
    for allocation in allocations:
        if allocation.outcome == RETURNED and allocation.amount_minor > 0:
            refunds.refund_allocation(
                allocation=allocation,
                reason=_("Paid after the order was cancelled: the payment was returned."),
                now=now,
            )


def _settle_deposit(intent: PaymentIntent, now: dt.datetime) -> None:
    from tradepost.ledger import services as ledger
    from tradepost.sellers import services as sellers

    ledger.record_deposit_paid(
        reference=f"deposit:{intent.public_id}",
        seller=intent.seller,
        currency=intent.currency,
        amount_minor=intent.amount_minor,
        now=now,
    )
    sellers.deposit_paid(seller=intent.seller, intent=intent, now=now)


def apply_failed(
    *, intent: PaymentIntent, decline_code: str, happened_at: dt.datetime, now: dt.datetime
) -> bool:
    """A declined attempt. Ignored once paid or cancelled, and when older than the intent's last
    change (a late report of an attempt before the buyer's retry)."""
    with transaction.atomic():
        locked = _locked(intent)
        if locked.status in (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELED):
            return False
        # Gateway timestamps are whole seconds: only news a full second older counts as stale.
        stale = happened_at + dt.timedelta(seconds=1) <= locked.status_changed_at
        if stale and locked.status != PaymentStatus.REQUIRES_ACTION:
            return False
        PaymentIntent.objects.filter(pk=locked.pk).update(failure_code=decline_code[:40])
        if locked.status != PaymentStatus.FAILED:
            transition_intent(
                intent=locked, to=PaymentStatus.FAILED, now=now, reason=decline_code[:40]
            )
    return True


def apply_requires_action(*, intent: PaymentIntent, now: dt.datetime) -> bool:
    with transaction.atomic():
        locked = _locked(intent)
        if locked.status not in (PaymentStatus.PENDING, PaymentStatus.FAILED):
            return False
        transition_intent(intent=locked, to=PaymentStatus.REQUIRES_ACTION, now=now)
    return True


def apply_gateway_state(*, intent: PaymentIntent, state: GatewayIntent, now: dt.datetime) -> bool:
    """Apply a state read from the gateway (a confirm's answer, or reconciliation)."""
    if state.status == ChargeStatus.SUCCEEDED:
        return apply_succeeded(intent=intent, card=state.card, now=now)
    if state.status == ChargeStatus.REQUIRES_ACTION:
        return apply_requires_action(intent=intent, now=now)
    if state.status == ChargeStatus.REQUIRES_PAYMENT_METHOD and state.decline_code:
        return apply_failed(
            intent=intent, decline_code=state.decline_code, happened_at=now, now=now
        )
    return False
