"""Webhooks: the signature verifier table (RELIABILITY.md §2), unknown payments, duplicates,
out-of-order delivery, and the same webhook ten times at once → one capture."""

import datetime as dt
import json
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tradepost.ledger.models import JournalEntry
from tradepost.ledger.selectors import check_invariants
from tradepost.orders.models import Order
from tradepost.payments.gateways import signing
from tradepost.payments.models import PaymentEvent, WebhookEvent
from tradepost.payments.testing import (
    card_at_gateway,
    deliver_webhooks,
    last_webhook,
    market,
    placed_checkout,
    start,
)

ENDPOINT = "/api/v1/payments/webhooks/test"
SECRET = settings.PAYMENT_TEST_GATEWAY_WEBHOOK_SECRET


@pytest.fixture
def paid_at_gateway(checkout):
    """The buyer paid on the gateway's page; its succeeded webhook is not delivered yet."""
    intent = start(checkout)
    card_at_gateway(intent)
    return intent, last_webhook().body.encode()


def post(client, body: bytes, header: str | None):
    headers = {} if header is None else {signing.HEADER: header}
    return client.post(ENDPOINT, body, content_type="application/json", headers=headers)


def nothing_applied(intent) -> bool:
    intent.refresh_from_db()
    return (
        intent.status == "pending"
        and not WebhookEvent.objects.exists()
        and not Order.objects.filter(status="paid").exists()
        and not JournalEntry.objects.exists()
    )


def _sig(secret: str, t: int, body: bytes) -> str:
    return signing.signature(secret, t, body)


def _cases(now: int):
    return {
        "valid": (lambda b: f"t={now},v1={_sig(SECRET, now, b)}", 200),
        "tampered body": (lambda b: f"t={now},v1={_sig(SECRET, now, b + b' ')}", 400),
        "wrong secret": (lambda b: f"t={now},v1={_sig('not-the-secret', now, b)}", 400),
        "stale 301 s": (lambda b: f"t={now - 301},v1={_sig(SECRET, now - 301, b)}", 400),
        "future 301 s": (lambda b: f"t={now + 301},v1={_sig(SECRET, now + 301, b)}", 400),
        "missing header": (lambda b: None, 400),
        "several v1, one valid": (
            lambda b: f"t={now},v1={'0' * 64},v1={_sig(SECRET, now, b)},v1=abc",
            200,
        ),
        "empty v1": (lambda b: f"t={now},v1=", 400),
        "no timestamp": (lambda b: f"v1={_sig(SECRET, now, b)}", 400),
        "within 300 s": (lambda b: f"t={now - 300},v1={_sig(SECRET, now - 300, b)}", 200),
    }


@pytest.mark.parametrize("case", list(_cases(0)))
def test_the_signature_verifier(paid_at_gateway, client, clock, case):
    intent, body = paid_at_gateway
    make_header, expected = _cases(int(clock.now().timestamp()))[case]

    response = post(client, body, make_header(body))

    assert response.status_code == expected, response.content
    if expected == 200:
        intent.refresh_from_db()
        assert intent.status == "succeeded"
    else:
        assert response.json()["code"] == "webhook_rejected"
        assert nothing_applied(intent)


def test_a_tampered_amount_is_refused(paid_at_gateway, client, clock):
    intent, body = paid_at_gateway
    event = json.loads(body)
    header = signing.sign(SECRET, body, now=clock.now())
    event["data"]["amount"] = 1
    response = post(client, json.dumps(event, sort_keys=True).encode(), header)
    assert response.status_code == 400
    assert nothing_applied(intent)


def test_an_unreadable_body_is_refused(paid_at_gateway, client, clock):
    intent, _body = paid_at_gateway
    body = b'{"id": "evt_1", "type": "payment_intent.succeeded"}'
    response = post(client, body, signing.sign(SECRET, body, now=clock.now()))
    assert response.status_code == 400
    assert nothing_applied(intent)


def test_a_webhook_about_an_unknown_payment_changes_nothing(paid_at_gateway, client, clock):
    intent, body = paid_at_gateway
    event = json.loads(body)
    event["data"]["id"] = "tgpi_unknown"
    body = json.dumps(event).encode()

    response = post(client, body, signing.sign(SECRET, body, now=clock.now()))

    assert response.status_code == 422
    assert response.json()["code"] == "unknown_payment_intent"
    assert nothing_applied(intent)


def test_a_duplicate_is_answered_200_and_applied_once(paid_at_gateway, client, clock):
    intent, body = paid_at_gateway
    header = signing.sign(SECRET, body, now=clock.now())

    first = post(client, body, header)
    again = [post(client, body, header) for _ in range(3)]

    assert first.json() == {"received": True, "outcome": "applied"}
    assert {r.status_code for r in again} == {200}
    assert {r.json()["outcome"] for r in again} == {"duplicate"}
    assert WebhookEvent.objects.count() == 1
    assert PaymentEvent.objects.filter(intent=intent, to_status="succeeded").count() == 1
    assert JournalEntry.objects.filter(kind="capture").count() == 1


def test_succeeded_twice_under_two_event_ids_captures_once(paid_at_gateway, client, clock):
    intent, body = paid_at_gateway
    event = json.loads(body)
    event["id"] = "evt_redelivered_under_a_new_id"
    other = json.dumps(event).encode()

    post(client, body, signing.sign(SECRET, body, now=clock.now()))
    response = post(client, other, signing.sign(SECRET, other, now=clock.now()))

    assert response.json()["outcome"] == "ignored"
    assert JournalEntry.objects.filter(kind="capture").count() == 1
    assert check_invariants() == []


def test_a_refund_webhook_before_the_capture_webhook(checkout, clock):
    """The capture is applied from the gateway's answer (token flow); the seller refunds; then the
    gateway's webhooks arrive newest first: the refund's, then the capture's. Nothing is applied
    twice and the books balance."""
    from tradepost.payments import services
    from tradepost.payments.gateways.test_gateway import processor

    intent = start(checkout)
    card = processor.tokenize(number="4242424242424242", exp_month=12, exp_year=2030, cvc="737")
    services.pay_with_token(intent=intent, token=card.token, now=clock.now())
    order = checkout.orders.order_by("id").first()
    services.refund_order(
        order=order, amount_minor=100, reason="scratch", actor=None, now=clock.now()
    )

    from tradepost.payments.gateways.test_gateway.models import GatewayWebhook
    from tradepost.payments.gateways.test_gateway.tasks import deliver_webhook

    for webhook in GatewayWebhook.objects.order_by("-id"):
        deliver_webhook.call_local(webhook.pk)

    outcomes = dict(WebhookEvent.objects.values_list("type", "outcome"))
    assert outcomes == {"refund.succeeded": "ignored", "payment_intent.succeeded": "ignored"}
    assert JournalEntry.objects.filter(kind="capture").count() == 1
    assert JournalEntry.objects.filter(kind="refund").count() == 1
    assert check_invariants() == []


def test_a_late_decline_report_does_not_undo_a_retry(checkout, clock):
    intent = start(checkout)
    card_at_gateway(intent, "4000000000000002")
    deliver_webhooks()
    clock.advance(minutes=1)
    start(checkout)  # the buyer tries again: failed → pending
    intent.refresh_from_db()
    assert intent.status == "pending"

    stale = json.loads(last_webhook("payment_intent.payment_failed").body)
    stale["id"] = "evt_stale_copy"
    body = json.dumps(stale).encode()
    response = post(Client(), body, signing.sign(SECRET, body, now=clock.now()))

    assert response.json()["outcome"] == "ignored"
    intent.refresh_from_db()
    assert intent.status == "pending"


def test_an_unreachable_endpoint_is_retried_by_the_gateway(checkout, settings, clock):
    from tradepost.payments.gateways.test_gateway import delivery

    settings.PAYMENT_TEST_GATEWAY_WEBHOOK_URL = "http://127.0.0.1:9/unreachable"
    intent = start(checkout)
    card_at_gateway(intent)
    webhook = last_webhook()
    with pytest.raises(delivery.DeliveryFailed):
        delivery.deliver(webhook.pk, now=clock.now())
    webhook.refresh_from_db()
    assert (webhook.attempts, webhook.delivered_at) == (1, None)

    settings.PAYMENT_TEST_GATEWAY_WEBHOOK_URL = ""
    assert delivery.deliver(webhook.pk, now=clock.now()) == 200
    intent.refresh_from_db()
    assert intent.status == "succeeded"


THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_the_same_webhook_ten_times_at_once_captures_once():
    shop = market()
    checkout = placed_checkout(shop)
    intent = start(checkout)
    card_at_gateway(intent)
    body = last_webhook().body.encode()
    header = signing.sign(SECRET, body, now=dt.datetime.now(dt.UTC))
    barrier = threading.Barrier(THREADS)
    statuses = []

    def fire():
        try:
            barrier.wait()
            statuses.append(post(Client(), body, header).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * THREADS
    assert WebhookEvent.objects.count() == 1
    assert PaymentEvent.objects.filter(intent=intent, to_status="succeeded").count() == 1
    assert JournalEntry.objects.filter(kind="capture").count() == 1
    assert set(checkout.orders.values_list("status", flat=True)) == {"paid"}
    assert check_invariants() == []
