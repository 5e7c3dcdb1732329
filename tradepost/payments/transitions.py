"""`transition_intent` and `transition_refund`: the only code that changes a PaymentIntent's or a
Refund's status."""

import datetime as dt

from django.db import transaction

from tradepost.notifications import outbox
from tradepost.payments import errors, states
from tradepost.payments.models import PaymentEvent, PaymentIntent, Refund, RefundEvent
from tradepost.payments.states import PaymentStatus


def transition_intent(
    *, intent: PaymentIntent, to: str, now: dt.datetime, actor=None, reason: str = ""
) -> PaymentIntent:
    """Move the (locked) intent to `to` if the table allows it, write the event and the outbox
    row. A canceled intent stops being the checkout's active one."""
    with transaction.atomic():
        locked = PaymentIntent.objects.select_for_update().get(pk=intent.pk)
        if not states.can_move(locked.status, to):
            raise errors.IllegalPaymentTransition(current=locked.status, target=to)
        previous = locked.status
        changes = {"status": to, "status_changed_at": now}
        if to == PaymentStatus.CANCELED:
            changes["active"] = False
        PaymentIntent.objects.filter(pk=locked.pk).update(**changes)
        PaymentEvent.objects.create(
            intent=locked,
            from_status=previous,
            to_status=to,
            actor=actor,
            reason=reason[:1000],
            created_at=now,
        )
        outbox.emit(
            f"payment.{to}",
            {
                "payment": locked.public_id,
                "purpose": locked.purpose,
                "checkout": locked.checkout.public_id if locked.checkout_id else None,
                "previous": previous,
                "status": to,
            },
            now=now,
        )
    for name, value in changes.items():
        setattr(intent, name, value)
    return intent


def transition_refund(  # noqa: PLR0913 - keyword-only, each one needed
    *, refund: Refund, to: str, now: dt.datetime, actor=None, reason: str = "", **fields
) -> Refund:
    """Move the (locked) refund to `to` if the table allows it (pending → succeeded | failed),
    with `fields` (gateway ref, completion time) set in the same update, and write the event."""
    with transaction.atomic():
        locked = Refund.objects.select_for_update().get(pk=refund.pk)
        if to not in states.REFUND_ALLOWED.get(locked.status, frozenset()):
            raise errors.IllegalPaymentTransition(current=locked.status, target=to)
        Refund.objects.filter(pk=locked.pk).update(status=to, **fields)
        RefundEvent.objects.create(
            refund=locked, from_status=locked.status, to_status=to, actor=actor,
            reason=reason[:1000], created_at=now,
        )  # fmt: skip
    refund.status = to
    for name, value in fields.items():
        setattr(refund, name, value)
    return refund
