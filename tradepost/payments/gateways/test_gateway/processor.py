"""The test processor's server side: payments, card tokens, 3-D Secure, captures, refunds and the
webhooks it sends. The adapter (adapter.py) calls these functions as a real adapter would call
the processor's HTTP API; the hosted pages (views.py) call them as the processor's own site.

Every changing call takes an idempotency key: the first result is stored with the key and a
repeat returns it (a key reused for another operation is refused). Results are plain dicts, the
"JSON" the processor answers with.
"""

import json
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum

from tradepost import clock
from tradepost.payments.gateways.base import ChargeStatus, GatewayError
from tradepost.payments.gateways.test_gateway import cards
from tradepost.payments.gateways.test_gateway.models import (
    GatewayCard,
    GatewayCharge,
    GatewayIdempotencyKey,
    GatewayRefund,
    GatewayWebhook,
)


def _new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def _once(key: str, operation: str, run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    if not key:
        raise GatewayError("idempotency_key_required")
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = GatewayIdempotencyKey.objects.create(
                    key=key[:255], operation=operation, created_at=clock.now()
                )
        except IntegrityError:
            record = GatewayIdempotencyKey.objects.get(key=key[:255])
            if record.operation != operation:
                raise GatewayError("idempotency_key_reused") from None
            return record.result
        result = run()
        GatewayIdempotencyKey.objects.filter(pk=record.pk).update(result=result)
        return result


def charge_dict(charge: GatewayCharge) -> dict[str, Any]:
    card = charge.card
    return {
        "id": charge.ref,
        "object": "payment_intent",
        "status": charge.status,
        "amount": charge.amount_minor,
        "currency": charge.currency,
        "decline_code": charge.decline_code,
        "metadata": charge.metadata,
        "next_url": _next_url(charge),
        "card": None
        if card is None
        else {
            "token": card.token,
            "brand": card.brand,
            "last4": card.last4,
            "exp_month": card.exp_month,
            "exp_year": card.exp_year,
        },
    }


def _next_url(charge: GatewayCharge) -> str:
    if charge.status == ChargeStatus.REQUIRES_PAYMENT_METHOD:
        return f"/gateway/test/pay/{charge.ref}/"
    if charge.status == ChargeStatus.REQUIRES_ACTION:
        return f"/gateway/test/3ds/{charge.ref}/"
    return ""


def _emit(event_type: str, data: dict[str, Any]) -> GatewayWebhook:
    """Record a webhook and send it once this transaction commits (tasks.deliver_webhook)."""
    now = clock.now()
    event_id = _new_id("evt")
    body = {"id": event_id, "type": event_type, "created": int(now.timestamp()), "data": data}
    row = GatewayWebhook.objects.create(
        event_id=event_id, type=event_type, body=json.dumps(body, sort_keys=True), created_at=now
    )
    transaction.on_commit(lambda: _send_later(row.pk), robust=True)
    return row


def _send_later(webhook_id: int) -> None:
    from tradepost.payments.gateways.test_gateway.tasks import deliver_webhook

    deliver_webhook(webhook_id)


# --- payments ----------------------------------------------------------------------------------


def create_charge(  # noqa: PLR0913 - keyword-only, each one needed
    *,
    amount_minor: int,
    currency: str,
    return_url: str,
    metadata: Mapping[str, str],
    capture_method: str,
    idempotency_key: str,
) -> dict[str, Any]:
    if amount_minor <= 0 or len(currency) != 3 or capture_method not in ("automatic", "manual"):  # noqa: PLR2004
        raise GatewayError("invalid_request")

    def run() -> dict[str, Any]:
        now = clock.now()
        charge = GatewayCharge.objects.create(
            ref=_new_id("tgpi"),
            amount_minor=amount_minor,
            currency=currency.upper(),
            status=ChargeStatus.REQUIRES_PAYMENT_METHOD,
            capture_method=capture_method,
            return_url=return_url,
            metadata=dict(metadata),
            created_at=now,
            updated_at=now,
        )
        return charge_dict(charge)

    return _once(idempotency_key, "create", run)


def get_charge(ref: str) -> GatewayCharge:
    charge = GatewayCharge.objects.select_related("card").filter(ref=str(ref)[:40]).first()
    if charge is None:
        raise GatewayError("no_such_payment_intent")
    return charge


def _locked(ref: str) -> GatewayCharge:
    charge = GatewayCharge.objects.select_for_update().filter(ref=str(ref)[:40]).first()
    if charge is None:
        raise GatewayError("no_such_payment_intent")
    return charge


def retrieve(ref: str) -> dict[str, Any]:
    return charge_dict(get_charge(ref))


def tokenize(*, number: str, exp_month: int, exp_year: int, cvc: str) -> GatewayCard:
    """Check a typed card (raises cards.CardInvalid) and keep only what may be kept."""
    now = clock.now()
    checked = cards.check(
        number=number, exp_month=exp_month, exp_year=exp_year, cvc=cvc, today=now.date()
    )
    return GatewayCard.objects.create(
        token=_new_id("tok"),
        brand=checked.brand,
        last4=checked.last4,
        exp_month=checked.exp_month,
        exp_year=checked.exp_year,
        behaviour=checked.behaviour,
        created_at=now,
    )


def _save(charge: GatewayCharge, **changes) -> None:
    for name, value in changes.items():
        setattr(charge, name, value)
    charge.updated_at = clock.now()
    charge.save(update_fields=[*changes, "updated_at"])


def _authorised(charge: GatewayCharge) -> None:
    if charge.capture_method == "manual":
        _save(charge, status=ChargeStatus.REQUIRES_CAPTURE, decline_code="")
        return
    _save(charge, status=ChargeStatus.SUCCEEDED, decline_code="")
    _emit("payment_intent.succeeded", charge_dict(charge))


def _declined(charge: GatewayCharge, code: str) -> None:
    _save(charge, status=ChargeStatus.REQUIRES_PAYMENT_METHOD, decline_code=code)
    _emit("payment_intent.payment_failed", charge_dict(charge))


def confirm(*, ref: str, token: str, idempotency_key: str) -> dict[str, Any]:
    """Pay with a card token: succeeds, asks for 3-D Secure, or declines (the charge then waits
    for another card, as real processors do)."""

    def run() -> dict[str, Any]:
        charge = _locked(ref)
        card = GatewayCard.objects.filter(token=str(token)[:40]).first()
        if card is None:
            raise GatewayError("no_such_token")
        if charge.status != ChargeStatus.REQUIRES_PAYMENT_METHOD:
            raise GatewayError("payment_intent_unexpected_state")
        _save(charge, card=card, attempts=charge.attempts + 1)
        if card.behaviour == cards.SUCCESS:
            _authorised(charge)
        elif card.behaviour == cards.CHALLENGE:
            _save(charge, status=ChargeStatus.REQUIRES_ACTION, decline_code="")
            _emit("payment_intent.requires_action", charge_dict(charge))
        else:
            _declined(charge, cards.DECLINE_CODES[card.behaviour])
        return charge_dict(charge)

    return _once(idempotency_key, "confirm", run)


def challenge_result(*, ref: str, approved: bool) -> dict[str, Any]:
    """The buyer's answer on the 3-D Secure page; a second answer changes nothing."""
    with transaction.atomic():
        charge = _locked(ref)
        if charge.status != ChargeStatus.REQUIRES_ACTION:
            return charge_dict(charge)
        if approved:
            _authorised(charge)
        else:
            _declined(charge, cards.AUTHENTICATION_FAILED)
        return charge_dict(charge)


def capture(*, ref: str, idempotency_key: str) -> dict[str, Any]:
    def run() -> dict[str, Any]:
        charge = _locked(ref)
        if charge.status != ChargeStatus.REQUIRES_CAPTURE:
            raise GatewayError("payment_intent_unexpected_state")
        _save(charge, status=ChargeStatus.SUCCEEDED)
        _emit("payment_intent.succeeded", charge_dict(charge))
        return charge_dict(charge)

    return _once(idempotency_key, "capture", run)


def cancel(*, ref: str, idempotency_key: str) -> dict[str, Any]:
    def run() -> dict[str, Any]:
        charge = _locked(ref)
        if charge.status == ChargeStatus.SUCCEEDED:
            raise GatewayError("payment_intent_unexpected_state")
        if charge.status != ChargeStatus.CANCELED:
            _save(charge, status=ChargeStatus.CANCELED)
            _emit("payment_intent.canceled", charge_dict(charge))
        return charge_dict(charge)

    return _once(idempotency_key, "cancel", run)


# --- refunds -----------------------------------------------------------------------------------


def refund_dict(refund: GatewayRefund) -> dict[str, Any]:
    return {
        "id": refund.ref,
        "object": "refund",
        "payment_intent": refund.charge.ref,
        "amount": refund.amount_minor,
        "currency": refund.charge.currency,
        "status": refund.status,
        "metadata": refund.metadata,
    }


def refund(
    *, ref: str, amount_minor: int, idempotency_key: str, metadata: Mapping[str, str]
) -> dict[str, Any]:
    """Give back part or all of a succeeded payment; never more than what is left of it."""

    def run() -> dict[str, Any]:
        charge = _locked(ref)
        if charge.status != ChargeStatus.SUCCEEDED:
            raise GatewayError("charge_not_refundable")
        done = charge.refunds.aggregate(total=Sum("amount_minor"))["total"] or 0
        if amount_minor <= 0 or done + amount_minor > charge.amount_minor:
            raise GatewayError("amount_too_large")
        row = GatewayRefund.objects.create(
            ref=_new_id("tgre"),
            charge=charge,
            amount_minor=amount_minor,
            status="succeeded",
            metadata=dict(metadata),
            created_at=clock.now(),
        )
        _emit("refund.succeeded", refund_dict(row))
        return refund_dict(row)

    return _once(idempotency_key, "refund", run)
