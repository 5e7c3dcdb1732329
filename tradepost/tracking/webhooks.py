"""The carriers' tracking webhook: `POST /api/v1/tracking/events`.

The raw body is signed like our payment webhooks: header `Tradepost-Signature:
t=<unix seconds>,v1=<hex>` where v1 = HMAC-SHA256(settings.TRACKING_WEBHOOK_SECRET,
f"{t}.{raw body}"); compared in constant time; a timestamp more than five minutes away from
now is refused (replays). Only then is the body read: `{"events": [{...}, ...]}` (see
tracking.schemas.TrackingBatchIn), checked and recorded as one batch (tracking.services).
"""

import datetime as dt
import json
import logging
from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import gettext as _

from tradepost.payments.gateways import signing
from tradepost.payments.gateways.base import WebhookRejected
from tradepost.tracking import errors, services
from tradepost.tracking.models import EventSource

logger = logging.getLogger(__name__)
HEADER = signing.HEADER


def sign(body: bytes, *, now: dt.datetime, secret: str | None = None) -> str:
    """The header value a sender puts on `body` (tests, the demo and integrators' examples)."""
    return signing.sign(secret or settings.TRACKING_WEBHOOK_SECRET, body, now=now)


def receive(*, body: bytes, headers: Mapping[str, str], now: dt.datetime) -> services.BatchResult:
    """Verify, read and record one batch; raises TrackingWebhookRejected (401),
    InvalidTrackingEvents or UnknownTrackingNumber (422) with nothing stored."""
    try:
        signing.verify(
            headers.get(HEADER), body, secrets=[settings.TRACKING_WEBHOOK_SECRET], now=now
        )
    except WebhookRejected as rejected:
        logger.warning("tracking webhook rejected: %s", rejected.reason)
        raise errors.TrackingWebhookRejected(reason=rejected.reason) from None
    events = services.parse_events(_raw_events(body), now=now)
    return services.record_events(events=events, source=EventSource.WEBHOOK, now=now)


def _raw_events(body: bytes) -> list[tuple[str, object]]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        data = None
    raws = data.get("events") if isinstance(data, dict) else None
    if not isinstance(raws, list) or not raws or len(raws) > services.MAX_EVENTS:
        message = _('Send {"events": [...]} with 1 to %(n)s events.') % {"n": services.MAX_EVENTS}
        raise errors.InvalidTrackingEvents(message, fields={"events": [message]}, problems=[])
    return [(f"events[{index}]", raw) for index, raw in enumerate(raws)]
