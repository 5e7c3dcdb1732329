"""The gateway adapter protocol: what payments.services needs from a card processor.

Every call that changes something at the processor takes an `idempotency_key`: a repeat with the
same key returns the first result and does nothing more (RELIABILITY.md §1). Amounts are integer
minor units of `currency`. A gateway never sees an order: only amounts, a return URL and metadata.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class ChargeStatus:
    """The processor-side status of a payment, as adapters report it."""

    REQUIRES_PAYMENT_METHOD = "requires_payment_method"
    REQUIRES_ACTION = "requires_action"
    REQUIRES_CAPTURE = "requires_capture"
    SUCCEEDED = "succeeded"
    CANCELED = "canceled"


@dataclass(frozen=True)
class Card:
    """What may be kept of a card: never the number or the CVC."""

    token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class GatewayIntent:
    ref: str
    status: str  # a ChargeStatus value
    amount_minor: int
    currency: str
    next_url: str = ""  # where the buyer goes next: the hosted card page or a 3-D Secure page
    decline_code: str = ""  # the last attempt's decline reason, if it was declined
    card: Card | None = None


@dataclass(frozen=True)
class GatewayRefund:
    ref: str
    intent_ref: str
    amount_minor: int
    status: str  # pending | succeeded | failed


@dataclass(frozen=True)
class WebhookEventData:
    """A verified webhook: `type` is one of payment_intent.succeeded, payment_intent.payment_failed,
    payment_intent.requires_action, refund.succeeded, refund.failed."""

    event_id: str
    type: str
    created_at: dt.datetime
    intent_ref: str
    payload: dict[str, Any]
    refund_ref: str = ""
    decline_code: str = ""
    card: Card | None = None
    metadata: dict[str, str] = field(default_factory=dict)


class Gateway(Protocol):
    name: str

    def create_intent(  # noqa: PLR0913 - keyword-only, each one needed
        self,
        *,
        amount_minor: int,
        currency: str,
        return_url: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
        capture_method: str = "automatic",
    ) -> GatewayIntent: ...

    def retrieve(self, ref: str) -> GatewayIntent: ...

    def confirm(self, *, ref: str, token: str, idempotency_key: str) -> GatewayIntent:
        """Pay `ref` with a card token made by the gateway's own tokenisation page or endpoint."""

    def handle_challenge(self, *, ref: str, approved: bool) -> GatewayIntent:
        """The result of a 3-D Secure challenge (the test gateway's challenge page posts it)."""

    def capture(self, *, ref: str, idempotency_key: str) -> GatewayIntent: ...

    def cancel(self, *, ref: str, idempotency_key: str) -> GatewayIntent: ...

    def refund(
        self, *, ref: str, amount_minor: int, idempotency_key: str, metadata: Mapping[str, str]
    ) -> GatewayRefund: ...

    def parse_webhook(
        self, body: bytes, headers: Mapping[str, str], *, now: dt.datetime
    ) -> WebhookEventData:
        """Verify the signature over the raw body, then parse it; raises WebhookRejected."""


class GatewayError(Exception):
    """The processor refused or failed a call (not a card decline: those are statuses)."""

    def __init__(self, code: str, message: str = ""):
        self.code = code
        super().__init__(message or code)


class WebhookRejected(Exception):
    """A webhook whose signature, timestamp or body is not acceptable: answered 400."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
