"""Webhook signatures: `Tradepost-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` where each v1
is HMAC-SHA256(secret, f"{t}.{raw body}") (RELIABILITY.md §2). Several v1 values may be sent while
a secret is rotated; one valid value is enough. Compared in constant time; a timestamp more than
`tolerance` seconds away from now (either way) is refused."""

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable

from tradepost.payments.gateways.base import WebhookRejected

HEADER = "Tradepost-Signature"
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, *, now: dt.datetime) -> str:
    """The header value for `body` sent at `now`."""
    timestamp = int(now.timestamp())
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp, candidates = None, []
    for part in header.split(","):
        key, _sep, value = part.strip().partition("=")
        if key == "t" and value.isdigit() and timestamp is None:
            timestamp = int(value)
        elif key == "v1" and value:
            candidates.append(value)
    if timestamp is None:
        raise WebhookRejected("no_timestamp")
    if not candidates:
        raise WebhookRejected("no_signature")
    return timestamp, candidates


def verify(
    header: str | None,
    body: bytes,
    *,
    secrets: Iterable[str],
    now: dt.datetime,
    tolerance: int = TOLERANCE_SECONDS,
) -> int:
    """Check the header against the raw body; return its timestamp or raise WebhookRejected."""
    if not header:
        raise WebhookRejected("missing_signature")
    timestamp, candidates = _parse(header)
    if abs(now.timestamp() - timestamp) > tolerance:
        raise WebhookRejected("timestamp_outside_tolerance")
    expected = [signature(secret, timestamp, body) for secret in secrets if secret]
    valid = False
    for candidate in candidates:
        for good in expected:
            # Every pair is compared (no early exit) so timing says nothing about which matched.
            valid |= hmac.compare_digest(candidate.encode(), good.encode())
    if not valid:
        raise WebhookRejected("bad_signature")
    return timestamp
