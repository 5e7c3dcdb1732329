"""The test gateway's adapter: tradepost's side of the Gateway protocol, talking to the test
processor (processor.py) as a real adapter talks to its processor's API."""

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from tradepost.payments.gateways import signing
from tradepost.payments.gateways.base import (
    Card,
    GatewayIntent,
    GatewayRefund,
    WebhookEventData,
    WebhookRejected,
)
from tradepost.payments.gateways.test_gateway import processor

NAME = "test"


def webhook_secret() -> str:
    return settings.PAYMENT_TEST_GATEWAY_WEBHOOK_SECRET


def _card(data: Mapping[str, Any] | None) -> Card | None:
    if not data:
        return None
    return Card(
        token=str(data["token"]),
        brand=str(data["brand"]),
        last4=str(data["last4"]),
        exp_month=int(data["exp_month"]),
        exp_year=int(data["exp_year"]),
    )


def _intent(data: Mapping[str, Any]) -> GatewayIntent:
    return GatewayIntent(
        ref=data["id"],
        status=data["status"],
        amount_minor=int(data["amount"]),
        currency=data["currency"],
        next_url=data.get("next_url", ""),
        decline_code=data.get("decline_code", ""),
        card=_card(data.get("card")),
    )


def _refund(data: Mapping[str, Any]) -> GatewayRefund:
    return GatewayRefund(
        ref=data["id"],
        intent_ref=data["payment_intent"],
        amount_minor=int(data["amount"]),
        status=data["status"],
    )


class TestGateway:
    name = NAME

    def create_intent(  # noqa: PLR0913
        self, *, amount_minor, currency, return_url, metadata, idempotency_key,
        capture_method="automatic",
    ) -> GatewayIntent:  # fmt: skip
        return _intent(
            processor.create_charge(
                amount_minor=amount_minor,
                currency=currency,
                return_url=return_url,
                metadata=metadata,
                capture_method=capture_method,
                idempotency_key=idempotency_key,
            )  # fmt: skip
        )

    def retrieve(self, ref: str) -> GatewayIntent:
        return _intent(processor.retrieve(ref))

    def confirm(self, *, ref: str, token: str, idempotency_key: str) -> GatewayIntent:
        return _intent(processor.confirm(ref=ref, token=token, idempotency_key=idempotency_key))

    def handle_challenge(self, *, ref: str, approved: bool) -> GatewayIntent:
        return _intent(processor.challenge_result(ref=ref, approved=approved))

    def capture(self, *, ref: str, idempotency_key: str) -> GatewayIntent:
        return _intent(processor.capture(ref=ref, idempotency_key=idempotency_key))

    def cancel(self, *, ref: str, idempotency_key: str) -> GatewayIntent:
        return _intent(processor.cancel(ref=ref, idempotency_key=idempotency_key))

    def refund(self, *, ref, amount_minor, idempotency_key, metadata) -> GatewayRefund:
        return _refund(
            processor.refund(
                ref=ref,
                amount_minor=amount_minor,
                idempotency_key=idempotency_key,
                metadata=metadata,
            )  # fmt: skip
        )

    def parse_webhook(
        self, body: bytes, headers: Mapping[str, str], *, now: dt.datetime
    ) -> WebhookEventData:
        signing.verify(headers.get(signing.HEADER), body, secrets=[webhook_secret()], now=now)
        try:
            event = json.loads(body)
            data = event["data"]
            is_refund = data.get("object") == "refund"
            return WebhookEventData(
                event_id=str(event["id"]),
                type=str(event["type"]),
                created_at=dt.datetime.fromtimestamp(int(event["created"]), tz=dt.UTC),
                intent_ref=str(data["payment_intent"] if is_refund else data["id"]),
                refund_ref=str(data["id"]) if is_refund else "",
                decline_code=str(data.get("decline_code") or ""),
                card=None if is_refund else _card(data.get("card")),
                metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
                payload=data,
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            raise WebhookRejected("malformed_body") from None
