"""Sending the processor's webhooks: signed at send time, to settings.PAYMENT_TEST_GATEWAY_WEBHOOK_URL
over HTTP, or (the default, with no URL) handed to tradepost's webhook receiver in this process,
the very function the endpoint `POST /api/v1/payments/webhooks/test` runs."""

import datetime as dt
import urllib.error
import urllib.request

from django.conf import settings
from django.db.models import F

from tradepost.payments.gateways import signing
from tradepost.payments.gateways.test_gateway.adapter import webhook_secret
from tradepost.payments.gateways.test_gateway.models import GatewayWebhook

TIMEOUT_SECONDS = 10
HTTP_OK_MIN, HTTP_OK_MAX = 200, 299


class DeliveryFailed(Exception):
    """The endpoint did not answer 2xx: the task retries later."""


def _post(url: str, body: bytes, header: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - the URL comes from settings only
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", signing.HEADER: header},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError):
        return 0


def _in_process(body: bytes, header: str, now: dt.datetime) -> int:
    from tradepost.payments import webhooks

    return webhooks.receive(
        provider="test", body=body, headers={signing.HEADER: header}, now=now
    ).status


def deliver(webhook_id: int, *, now: dt.datetime) -> int:
    """Send one webhook (again); returns the HTTP status, raises DeliveryFailed unless 2xx."""
    row = GatewayWebhook.objects.filter(pk=webhook_id).first()
    if row is None or row.delivered_at is not None:
        return 200
    body = row.body.encode()
    header = signing.sign(webhook_secret(), body, now=now)
    url = settings.PAYMENT_TEST_GATEWAY_WEBHOOK_URL
    status = _post(url, body, header) if url else _in_process(body, header, now)
    delivered = HTTP_OK_MIN <= status <= HTTP_OK_MAX
    GatewayWebhook.objects.filter(pk=row.pk).update(
        attempts=F("attempts") + 1,
        last_status=status,
        delivered_at=now if delivered else None,
    )
    if not delivered:
        raise DeliveryFailed(f"webhook {row.event_id}: HTTP {status}")
    return status
