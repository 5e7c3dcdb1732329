"""The test gateway as a processor: idempotency keys on every changing call, refunds bounded by
the charge, manual capture, test cards and card checks, and the webhook signature helpers."""

import datetime as dt

import pytest

from tradepost.payments.gateways import get_gateway, signing
from tradepost.payments.gateways.base import ChargeStatus, GatewayError, WebhookRejected
from tradepost.payments.gateways.test_gateway import cards, processor
from tradepost.payments.gateways.test_gateway.models import (
    GatewayCharge,
    GatewayRefund,
    GatewayWebhook,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


@pytest.fixture
def gateway(clock):
    return get_gateway("test")


def create(gateway, key="k-create", **extra):
    return gateway.create_intent(
        amount_minor=1000, currency="EUR", return_url="/back/", metadata={"payment": "p1"},
        idempotency_key=key, **extra,
    )  # fmt: skip


def pay(gateway, intent, number="4242424242424242", key=None):
    card = processor.tokenize(number=number, exp_month=12, exp_year=2030, cvc="123")
    return gateway.confirm(ref=intent.ref, token=card.token, idempotency_key=key or card.token)


def test_a_repeated_create_returns_the_first_result(gateway):
    first = create(gateway)
    again = create(gateway)
    assert again == first and GatewayCharge.objects.count() == 1
    assert create(gateway, key="k-other").ref != first.ref
    with pytest.raises(GatewayError) as reused:
        gateway.capture(ref=first.ref, idempotency_key="k-create")
    assert reused.value.code == "idempotency_key_reused"


def test_a_repeated_refund_refunds_once_and_never_more_than_the_charge(gateway):
    intent = create(gateway)
    assert pay(gateway, intent).status == ChargeStatus.SUCCEEDED
    first = gateway.refund(ref=intent.ref, amount_minor=600, idempotency_key="r1", metadata={})
    again = gateway.refund(ref=intent.ref, amount_minor=600, idempotency_key="r1", metadata={})
    assert again == first and GatewayRefund.objects.count() == 1
    with pytest.raises(GatewayError) as too_much:
        gateway.refund(ref=intent.ref, amount_minor=401, idempotency_key="r2", metadata={})
    assert too_much.value.code == "amount_too_large"
    gateway.refund(ref=intent.ref, amount_minor=400, idempotency_key="r3", metadata={})
    assert GatewayWebhook.objects.filter(type="refund.succeeded").count() == 2


def test_manual_capture_once_per_key(gateway):
    intent = create(gateway, capture_method="manual")
    assert pay(gateway, intent).status == ChargeStatus.REQUIRES_CAPTURE
    assert not GatewayWebhook.objects.filter(type="payment_intent.succeeded").exists()
    first = gateway.capture(ref=intent.ref, idempotency_key="c1")
    assert first.status == ChargeStatus.SUCCEEDED
    assert gateway.capture(ref=intent.ref, idempotency_key="c1") == first
    assert GatewayWebhook.objects.filter(type="payment_intent.succeeded").count() == 1


def test_a_repeated_confirm_charges_once(gateway):
    intent = create(gateway)
    card = processor.tokenize(number="4242424242424242", exp_month=12, exp_year=2030, cvc="123")
    first = gateway.confirm(ref=intent.ref, token=card.token, idempotency_key="p1")
    assert gateway.confirm(ref=intent.ref, token=card.token, idempotency_key="p1") == first
    assert GatewayWebhook.objects.filter(type="payment_intent.succeeded").count() == 1


def test_a_canceled_charge_takes_no_card(gateway):
    intent = create(gateway)
    assert gateway.cancel(ref=intent.ref, idempotency_key="x1").status == ChargeStatus.CANCELED
    with pytest.raises(GatewayError):
        pay(gateway, intent)


@pytest.mark.parametrize(
    ("number", "status", "code"),
    [
        ("4242424242424242", ChargeStatus.SUCCEEDED, ""),
        ("4000000000000002", ChargeStatus.REQUIRES_PAYMENT_METHOD, "card_declined"),
        ("4000000000009995", ChargeStatus.REQUIRES_PAYMENT_METHOD, "insufficient_funds"),
        ("4000000000000069", ChargeStatus.REQUIRES_PAYMENT_METHOD, "expired_card"),
        ("4000000000003220", ChargeStatus.REQUIRES_ACTION, ""),
        ("5555555555554444", ChargeStatus.REQUIRES_PAYMENT_METHOD, "card_declined"),
    ],
)
def test_the_test_cards(gateway, number, status, code):
    result = pay(gateway, create(gateway), number)
    assert (result.status, result.decline_code) == (status, code)
    assert result.card.last4 == number[-4:]


def test_3d_secure_answers(gateway):
    approved = create(gateway, key="a")
    pay(gateway, approved, "4000000000003220")
    assert gateway.handle_challenge(ref=approved.ref, approved=True).status == "succeeded"
    failed = create(gateway, key="b")
    pay(gateway, failed, "4000000000003220")
    result = gateway.handle_challenge(ref=failed.ref, approved=False)
    assert (result.status, result.decline_code) == (
        "requires_payment_method",
        "authentication_failed",
    )


def test_card_checks():
    today = NOW.date()
    assert cards.luhn_valid("4242424242424242") and not cards.luhn_valid("4242424242424241")
    checked = cards.check(
        number="4242 4242 4242 4242", exp_month=1, exp_year=2030, cvc="123", today=today
    )
    assert (checked.brand, checked.last4, checked.behaviour) == ("visa", "4242", cards.SUCCESS)
    past = cards.check(
        number="4242424242424242", exp_month=10, exp_year=2026, cvc="123", today=today
    )
    assert past.behaviour == cards.EXPIRED_CARD
    with pytest.raises(cards.CardInvalid) as invalid:
        cards.check(number="1234", exp_month=13, exp_year=2030, cvc="12", today=today)
    assert set(invalid.value.fields) == {"number", "expiry", "cvc"}
    assert cards.brand_of("5555555555554444") == "mastercard"
    assert cards.brand_of("378282246310005") == "amex"


def test_signatures_round_trip_and_rotation():
    body = b'{"id": "evt_1"}'
    header = signing.sign("s1", body, now=NOW)
    assert signing.verify(header, body, secrets=["s1"], now=NOW) == int(NOW.timestamp())
    assert signing.verify(header, body, secrets=["s0", "s1"], now=NOW)  # rotation: old or new
    for bad in ("", "t=abc,v1=00", f"t={int(NOW.timestamp())}", "v1=00"):
        with pytest.raises(WebhookRejected):
            signing.verify(bad, body, secrets=["s1"], now=NOW)
    with pytest.raises(WebhookRejected):
        signing.verify(header, body, secrets=["s1"], now=NOW + dt.timedelta(seconds=301))
