"""Each test card end to end: our pay page → the gateway's card page → 3-D Secure → webhook →
orders paid (or not), and what the status page shows at each step."""

import pytest

from tradepost.ledger.selectors import check_invariants, escrow_by_order
from tradepost.orders.states import OrderStatus
from tradepost.payments.models import PaymentEvent
from tradepost.payments.testing import (
    CHALLENGE,
    DECLINED,
    EXPIRED,
    INSUFFICIENT_FUNDS,
    SUCCESS,
    deliver_webhooks,
    intent_of,
    pay_through_pages,
)
from tradepost.storefront.tests.buying import text


def statuses(checkout):
    return sorted(set(checkout.orders.values_list("status", flat=True)))


def status_page(client, checkout):
    return client.get(f"/en/checkout/{checkout.public_id}/payment/")


def test_a_good_card_pays_every_order_once_the_webhook_arrives(checkout, buyer_client):
    back = pay_through_pages(buyer_client, checkout, SUCCESS)

    assert back["Location"].endswith(f"/en/checkout/{checkout.public_id}/payment/")
    assert statuses(checkout) == [OrderStatus.AWAITING_PAYMENT]
    assert status_page(buyer_client, checkout).context["state"] == "processing"

    assert deliver_webhooks() == 1

    intent = intent_of(checkout)
    assert intent.status == "succeeded"
    assert (intent.card_brand, intent.card_last4, intent.card_exp_year) == ("visa", "4242", 2030)
    assert statuses(checkout) == [OrderStatus.PAID]
    assert sum(escrow_by_order(order) for order in checkout.orders.all()) == checkout.total_minor
    assert check_invariants() == []
    page = status_page(buyer_client, checkout)
    assert page.context["state"] == "succeeded"
    assert "Payment received" in text(page) and "ending in 4242" in text(page)
    assert text(page).count("Order ") == 2
    events = PaymentEvent.objects.filter(intent=intent).values_list("from_status", "to_status")
    assert list(events) == [("", "pending"), ("pending", "succeeded")]


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        (DECLINED, "card_declined", "Your card was declined."),
        (INSUFFICIENT_FUNDS, "insufficient_funds", "Your card has insufficient funds"),
        (EXPIRED, "expired_card", "Your card has expired."),
    ],
)
def test_a_declined_card_pays_nothing_and_says_why(checkout, buyer_client, number, code, message):
    pay_through_pages(buyer_client, checkout, number)
    deliver_webhooks()

    intent = intent_of(checkout)
    assert (intent.status, intent.failure_code) == ("failed", code)
    assert statuses(checkout) == [OrderStatus.AWAITING_PAYMENT]
    page = status_page(buyer_client, checkout)
    assert page.context["state"] == "failed"
    assert message in text(page) and "Try again" in text(page)
    assert check_invariants() == []


def test_after_a_decline_the_buyer_tries_again_with_another_card(checkout, buyer_client):
    pay_through_pages(buyer_client, checkout, INSUFFICIENT_FUNDS)
    deliver_webhooks()
    assert "Your last payment attempt did not go through" in text(
        buyer_client.get(f"/en/checkout/{checkout.public_id}/pay/")
    )

    pay_through_pages(buyer_client, checkout, SUCCESS)
    deliver_webhooks()

    intent = intent_of(checkout)
    assert intent.status == "succeeded" and intent.failure_code == ""
    assert statuses(checkout) == [OrderStatus.PAID]
    assert checkout.payments.count() == 1  # the same payment, reopened for another card


def test_3d_secure_approved_pays(checkout, buyer_client):
    back = pay_through_pages(buyer_client, checkout, CHALLENGE, approve=True)

    assert back["Location"].endswith(f"/en/checkout/{checkout.public_id}/payment/")
    deliver_webhooks()  # requires_action, then succeeded
    assert intent_of(checkout).status == "succeeded"
    assert statuses(checkout) == [OrderStatus.PAID]


def test_3d_secure_failed_pays_nothing(checkout, buyer_client):
    pay_through_pages(buyer_client, checkout, CHALLENGE, approve=False)
    deliver_webhooks()

    intent = intent_of(checkout)
    assert (intent.status, intent.failure_code) == ("failed", "authentication_failed")
    assert statuses(checkout) == [OrderStatus.AWAITING_PAYMENT]
    assert "3-D Secure" in text(status_page(buyer_client, checkout))


def test_an_abandoned_3d_secure_shows_the_way_back(checkout, buyer_client):
    pay_page = f"/en/checkout/{checkout.public_id}/pay/"
    token = buyer_client.get(pay_page).context["token"]
    card_page = buyer_client.post(pay_page, {"token": token})["Location"]
    from tradepost.payments.testing import card_data

    buyer_client.post(card_page, card_data(CHALLENGE))
    deliver_webhooks()

    page = status_page(buyer_client, checkout)
    assert page.context["state"] == "requires_action"
    assert page.context["continue_url"].startswith("/gateway/test/3ds/")


def test_the_card_form_shows_errors_without_echoing_the_card(checkout, buyer_client):
    pay_page = f"/en/checkout/{checkout.public_id}/pay/"
    token = buyer_client.get(pay_page).context["token"]
    card_page = buyer_client.post(pay_page, {"token": token})["Location"]

    response = buyer_client.post(
        card_page,
        {"number": "4242424242424241", "exp_month": "12", "exp_year": "2030", "cvc": "9876"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "The card number is not valid." in html
    assert "4242424242424241" not in html and "9876" not in html
    assert intent_of(checkout).status == "pending"


def test_the_pay_page_is_the_buyers_only(checkout, buyer_client, shop):
    from django.test import Client

    from tradepost.cart.testing import make_buyer

    stranger = Client()
    stranger.force_login(make_buyer())
    seller = Client()
    seller.force_login(shop.eu.seller.user)
    for client in (stranger, seller):
        for path in ("pay/", "payment/"):
            response = client.get(f"/en/checkout/{checkout.public_id}/{path}")
            assert response.status_code == 404
        assert (
            client.post(f"/en/checkout/{checkout.public_id}/pay/", {"token": "x"}).status_code
            == 404
        )
    assert not checkout.payments.exists()


def test_placing_a_checkout_leads_to_the_pay_page(checkout, buyer_client):
    page = buyer_client.get(f"/en/checkout/{checkout.public_id}/pay/")
    assert page.status_code == 200
    assert "Awaiting payment" in text(page) and "Pay €" in text(page)
    assert len(page.context["payable"]) == 2


def test_the_placed_page_links_to_the_pay_page(checkout, buyer_client):
    page = buyer_client.get(f"/en/checkout/{checkout.public_id}/")
    assert page.status_code == 200
    assert f'href="/en/checkout/{checkout.public_id}/pay/"' in page.content.decode()
