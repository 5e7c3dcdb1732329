"""Test helpers for tracking: valid tracking numbers and signed webhook calls.

s10(42)                      # "RR000000426CN": a China Post number with its right check digit
post_events(client, [event(order, "delivered", ...)], now=...)
"""

import datetime as dt
import json

from tradepost.shipping.carriers import s10_check_digit
from tradepost.tracking import webhooks

URL = "/api/v1/tracking/events"


def s10(serial: int, *, prefix: str = "RR", country: str = "CN") -> str:
    """A UPU S10 number with the right check digit (China Post by default)."""
    digits = f"{serial % 10**8:08d}"
    return f"{prefix}{digits}{s10_check_digit(digits)}{country}"


def event(order, status: str, at: dt.datetime, *, event_id: str | None = None, **extra) -> dict:
    """One webhook event about `order`'s parcel."""
    return {
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "event_id": event_id or f"{status}-{at.isoformat()}",
        "occurred_at": at.isoformat(),
        "status": status,
        "location": extra.pop("location", ""),
        "description": extra.pop("description", ""),
        **extra,
    }


def post_events(client, events: list, *, now: dt.datetime, secret: str | None = None, body=None):
    """POST a signed batch (or the given raw `body`) to the webhook."""
    raw = body if body is not None else json.dumps({"events": events}).encode()
    signature = webhooks.sign(raw, now=now, secret=secret)
    return client.post(
        URL, raw, content_type="application/json", headers={webhooks.HEADER: signature}
    )
