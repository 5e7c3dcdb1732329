"""Receiving a gateway's webhooks (RELIABILITY.md §2): verify the signature over the raw body,
then — in one transaction — record the event once by (provider, event id) and apply it.

A repeat of an event already recorded answers 200 and applies nothing. Events may arrive in any
order: each handler is an idempotent state change that ignores news it already has or that is
older than what it knows (payments.settlement). An event about a payment we never created is
refused (422) and leaves no trace; a bad signature or stale timestamp is refused (400).
"""

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from tradepost.payments import errors, refunds, settlement
from tradepost.payments.gateways import get_gateway
from tradepost.payments.gateways.base import WebhookEventData, WebhookRejected
from tradepost.payments.models import PaymentIntent, WebhookEvent, WebhookOutcome

logger = logging.getLogger(__name__)

DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Receipt:
    status: int
    outcome: str
    error: errors.DomainError | None = None


def receive(*, provider: str, body: bytes, headers: Mapping[str, str], now: dt.datetime) -> Receipt:
    try:
        gateway = get_gateway(provider)
    except LookupError:
        return Receipt(404, "unknown_provider", errors.WebhookRejected())
    try:
        event = gateway.parse_webhook(body, headers, now=now)
    except WebhookRejected as rejected:
        logger.warning("webhook from %s rejected: %s", provider, rejected.reason)
        return Receipt(400, rejected.reason, errors.WebhookRejected(reason=rejected.reason))
    try:
        with transaction.atomic():
            outcome = _record_and_apply(provider, event, now)
    except errors.UnknownPaymentIntent as unknown:
        logger.warning("webhook %s from %s: unknown payment", event.event_id, provider)
        return Receipt(unknown.http_status, "unknown_intent", unknown)
    return Receipt(200, outcome)


def _record_and_apply(provider: str, event: WebhookEventData, now: dt.datetime) -> str:
    try:
        with transaction.atomic():
            row = WebhookEvent.objects.create(
                provider=provider,
                event_id=event.event_id[:100],
                type=event.type[:60],
                payload=event.payload,
                outcome=WebhookOutcome.APPLIED,
                received_at=now,
            )
    except IntegrityError:
        return DUPLICATE
    intent = PaymentIntent.objects.filter(gateway=provider, gateway_ref=event.intent_ref).first()
    if intent is None:
        raise errors.UnknownPaymentIntent()
    outcome = _apply(intent, event, now)
    if outcome != WebhookOutcome.APPLIED:
        WebhookEvent.objects.filter(pk=row.pk).update(outcome=outcome)
    return outcome


def _apply(intent: PaymentIntent, event: WebhookEventData, now: dt.datetime) -> str:
    if event.type == "payment_intent.succeeded":
        changed = settlement.apply_succeeded(intent=intent, card=event.card, now=now)
    elif event.type == "payment_intent.payment_failed":
        changed = settlement.apply_failed(
            intent=intent,
            decline_code=event.decline_code or "card_declined",
            happened_at=event.created_at,
            now=now,
        )
    elif event.type == "payment_intent.requires_action":
        changed = settlement.apply_requires_action(intent=intent, now=now)
    elif event.type == "refund.succeeded":
        return refunds.confirm_from_webhook(refund_ref=event.refund_ref, metadata=event.metadata)
    else:
        changed = False
    return WebhookOutcome.APPLIED if changed else WebhookOutcome.IGNORED
