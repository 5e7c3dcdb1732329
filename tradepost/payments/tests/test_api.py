"""The payments API: pay a checkout (hosted page or card token), read a payment, refund an order
and list its refunds — with Idempotency-Key on the money-moving POSTs, scopes, and 404 for
anyone else's checkout, payment or order."""

import json
import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client

from tradepost.api.testing import bearer, send
from tradepost.cart.testing import make_buyer
from tradepost.payments.gateways.test_gateway.models import GatewayCharge
from tradepost.payments.models import PaymentIntent, Refund
from tradepost.payments.testing import (
    CHALLENGE,
    DECLINED,
    SUCCESS,
    card_data,
    deliver_webhooks,
    market,
    placed_checkout,
)


def pay_url(checkout) -> str:
    return f"/api/v1/checkouts/{checkout.public_id}/pay"


@pytest.fixture
def buyer_api(checkout):
    return bearer(checkout.buyer, "orders:read", "orders:write")


def paid_by_api(client, checkout, headers):
    token = tokenise(client)
    response = send(client, "post", pay_url(checkout), {"payment_token": token}, **headers)
    assert response.json()["status"] == "succeeded", response.content
    return response.json()


def tokenise(client, number: str = SUCCESS) -> str:
    response = client.post(
        "/gateway/test/tokens", json.dumps(card_data(number)), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()["token"]


def test_pay_returns_the_hosted_card_page_and_repeats_with_the_key(client, checkout, buyer_api):
    headers = {**buyer_api, "Idempotency-Key": "pay-1"}

    first = send(client, "post", pay_url(checkout), **headers)
    again = send(client, "post", pay_url(checkout), **headers)

    assert first.status_code == 200, first.content
    body = first.json()
    assert body["status"] == "pending" and body["checkout"] == checkout.public_id
    assert body["amount"] == {"minor": checkout.total_minor, "currency": "EUR"}
    assert body["next_url"].startswith("/gateway/test/pay/tgpi_")
    assert len(body["orders"]) == 2 and body["card"] is None
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert PaymentIntent.objects.count() == 1 and GatewayCharge.objects.count() == 1


def test_pay_with_a_card_token(client, checkout, buyer_api):
    body = paid_by_api(client, checkout, buyer_api)

    assert body["card"] == {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}
    assert body["next_url"] == ""
    assert set(checkout.orders.values_list("status", flat=True)) == {"paid"}
    deliver_webhooks()  # the gateway's webhook follows and changes nothing
    got = send(client, "get", f"/api/v1/payments/{body['id']}", **buyer_api)
    assert got.json()["status"] == "succeeded"


def test_a_declined_token_and_a_3ds_token(client, checkout, buyer_api):
    declined = send(
        client,
        "post",
        pay_url(checkout),
        {"payment_token": tokenise(client, DECLINED)},
        **buyer_api,
    )
    assert (declined.json()["status"], declined.json()["failure_code"]) == (
        "failed",
        "card_declined",
    )

    challenged = send(
        client,
        "post",
        pay_url(checkout),
        {"payment_token": tokenise(client, CHALLENGE)},
        **buyer_api,
    )
    assert challenged.json()["status"] == "requires_action"
    assert challenged.json()["next_url"].startswith("/gateway/test/3ds/")


def test_an_unknown_token_and_bad_bodies_are_refused(client, checkout, buyer_api):
    unknown = send(client, "post", pay_url(checkout), {"payment_token": "tok_nope"}, **buyer_api)
    assert (unknown.status_code, unknown.json()["code"]) == (422, "payment_token_invalid")
    extra = send(client, "post", pay_url(checkout), {"amount_minor": 1}, **buyer_api)
    assert extra.status_code == 422
    bad_card = client.post(
        "/gateway/test/tokens", json.dumps({"number": "1234"}), content_type="application/json"
    )
    assert bad_card.status_code == 400


def test_scopes_are_needed(client, checkout):
    read_only = bearer(checkout.buyer, "orders:read")
    response = send(client, "post", pay_url(checkout), **read_only)
    assert response.status_code == 403
    assert not PaymentIntent.objects.exists()


def test_another_buyer_or_seller_cannot_pay_or_read(client, checkout, buyer_api, shop):
    payment = send(client, "post", pay_url(checkout), **buyer_api).json()
    for user in (make_buyer(), shop.eu.seller.user):
        headers = bearer(user, "orders:read", "orders:write")
        assert send(client, "post", pay_url(checkout), **headers).status_code == 404
        assert (
            send(client, "get", f"/api/v1/payments/{payment['id']}", **headers).status_code == 404
        )
    assert PaymentIntent.objects.count() == 1


THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_pay_requests_with_one_key_make_one_charge():
    checkout = placed_checkout(market())
    headers = {**bearer(checkout.buyer, "orders:write"), "Idempotency-Key": "race"}
    barrier = threading.Barrier(THREADS)
    responses = []

    def fire():
        try:
            barrier.wait()
            responses.append(send(Client(), "post", pay_url(checkout), **headers))
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert PaymentIntent.objects.count() == 1
    assert GatewayCharge.objects.count() == 1
    ok = [r for r in responses if r.status_code == 200]
    busy = [r for r in responses if r.status_code == 409]
    assert len(ok) + len(busy) == THREADS and ok
    assert len({r.json()["id"] for r in ok}) == 1
    assert {r.json()["code"] for r in busy} <= {"idempotency_request_in_progress"}


@pytest.mark.django_db(transaction=True)
def test_ten_pay_requests_with_different_keys_still_make_one_charge():
    checkout = placed_checkout(market())
    token = bearer(checkout.buyer, "orders:write")
    barrier = threading.Barrier(THREADS)
    responses = []

    def fire(n):
        try:
            barrier.wait()
            headers = {**token, "Idempotency-Key": f"key-{n}"}
            responses.append(send(Client(), "post", pay_url(checkout), **headers))
        finally:
            connection.close()

    threads = [threading.Thread(target=fire, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.status_code for r in responses] == [200] * THREADS
    assert len({r.json()["id"] for r in responses}) == 1
    assert PaymentIntent.objects.count() == 1 and GatewayCharge.objects.count() == 1


# --- refunds -----------------------------------------------------------------------------------


@pytest.fixture
def paid_order(client, checkout, buyer_api):
    paid_by_api(client, checkout, buyer_api)
    return checkout.orders.select_related("store__seller__user").order_by("id").first()


def refunds_url(order) -> str:
    return f"/api/v1/orders/{order.public_id}/refunds"


def test_the_seller_refunds_part_of_its_order_once_per_key(client, paid_order):
    seller = bearer(paid_order.store.seller.user, "orders:read", "orders:write")
    headers = {**seller, "Idempotency-Key": "refund-1"}
    data = {"amount_minor": 250, "reason": "Scratched"}

    first = send(client, "post", refunds_url(paid_order), data, **headers)
    again = send(client, "post", refunds_url(paid_order), data, **headers)

    assert first.status_code == 201, first.content
    body = first.json()
    assert body["amount"] == {"minor": 250, "currency": "EUR"}
    assert (body["status"], body["reason"], body["automatic"]) == ("succeeded", "Scratched", False)
    assert again.content == first.content
    assert Refund.objects.count() == 1
    listed = send(client, "get", refunds_url(paid_order), **seller).json()
    assert [r["id"] for r in listed] == [body["id"]]


def test_refund_by_line_sku_and_limits(client, paid_order):
    seller = bearer(paid_order.store.seller.user, "orders:read", "orders:write")
    sku = paid_order.lines.get().sku
    unknown = send(
        client, "post", refunds_url(paid_order), {"lines": ["NOPE"], "reason": "x"}, **seller
    )
    assert unknown.status_code == 422
    too_much = {"amount_minor": paid_order.total_minor + 1, "reason": "x"}
    response = send(client, "post", refunds_url(paid_order), too_much, **seller)
    assert (response.status_code, response.json()["code"]) == (422, "refund_too_large")

    by_line = send(
        client, "post", refunds_url(paid_order), {"lines": [sku], "reason": "x"}, **seller
    )

    assert by_line.status_code == 201 and by_line.json()["lines"] == [sku]


def test_who_may_refund(client, paid_order, make_user, checkout, shop):
    other_seller = shop.cn.seller.user
    staff = make_user("staff@example.com", is_staff=True)
    finance = make_user("finance@example.com", is_staff=True)
    finance.user_permissions.add(Permission.objects.get(codename="refund_payment"))
    data = {"amount_minor": 100, "reason": "goodwill"}
    for user in (checkout.buyer, other_seller, staff, make_buyer()):
        headers = bearer(user, "orders:read", "orders:write")
        response = send(client, "post", refunds_url(paid_order), data, **headers)
        assert response.status_code == 404, user
    assert not Refund.objects.exists()

    response = send(
        client, "post", refunds_url(paid_order), data, **bearer(finance, "orders:write")
    )
    assert response.status_code == 201

    buyer_list = send(
        client, "get", refunds_url(paid_order), **bearer(checkout.buyer, "orders:read")
    )
    assert len(buyer_list.json()) == 1
    stranger = send(client, "get", refunds_url(paid_order), **bearer(make_buyer(), "orders:read"))
    assert stranger.status_code == 404


def test_the_webhook_endpoint_needs_no_login_but_a_signature(client, checkout):
    response = client.post("/api/v1/payments/webhooks/test", b"{}", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "webhook_rejected")
