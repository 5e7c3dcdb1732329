"""Test helpers for payments: a placed checkout from two sellers, paying it through the pages
(our pay page → the gateway's card page → 3-D Secure), and delivering the gateway's webhooks the
way its worker would (synchronously, by calling the task's function)."""

import datetime as dt
from types import SimpleNamespace

from tradepost import clock
from tradepost.cart.models import Checkout
from tradepost.cart.testing import add_rates, cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.payments import services
from tradepost.payments.gateways.test_gateway import processor
from tradepost.payments.gateways.test_gateway.models import GatewayWebhook
from tradepost.payments.gateways.test_gateway.tasks import deliver_webhook
from tradepost.payments.models import PaymentIntent

SUCCESS = "4242424242424242"
DECLINED = "4000000000000002"
INSUFFICIENT_FUNDS = "4000000000009995"
EXPIRED = "4000000000000069"
CHALLENGE = "4000000000003220"
CVC = "737"


def market(**rates: str) -> SimpleNamespace:
    """Two sellers (EUR and CNY stores) each with one product; rates for EUR buyers."""
    add_rates(**({"CNY": "7.8"} | rates))
    category = make_category(["garden"])
    eu = make_seller_store(country="DE", currency="EUR")
    cn = make_seller_store(country="CN", currency="CNY")
    spade = make_product(
        store=eu, category=category, variants=[{"price_minor": 2500, "stock": 10}]
    ).variants.get()
    hose = make_product(
        store=cn, category=category, variants=[{"price_minor": 7800, "stock": 10}]
    ).variants.get()
    return SimpleNamespace(eu=eu, cn=cn, spade=spade, hose=hose, category=category)


def placed_checkout(shop, buyer=None, *, now: dt.datetime | None = None) -> Checkout:
    """A buyer's checkout of one spade (EUR store) and one hose (CNY store), in EUR."""
    buyer = buyer or make_buyer()
    now = now or clock.now()
    cart_with(buyer, (shop.spade, 1), (shop.hose, 1), now=now)
    return place(buyer, currency="EUR", now=now)


def card_data(number: str = SUCCESS, *, year: int = 2030) -> dict[str, str]:
    return {"number": number, "exp_month": "12", "exp_year": str(year), "cvc": CVC}


def pay_through_pages(client, checkout: Checkout, number: str = SUCCESS, *, approve=None):
    """Press "Pay with card", type the card on the gateway's page, answer 3-D Secure if asked
    (`approve` True/False). Returns the last response (the redirect back to our status page)."""
    pay_page = f"/en/checkout/{checkout.public_id}/pay/"
    page = client.get(pay_page)
    token = page.context["token"]
    to_gateway = client.post(pay_page, {"token": token})
    assert to_gateway.status_code == 302, to_gateway
    card_page = to_gateway["Location"]
    assert card_page.startswith("/gateway/test/pay/"), card_page
    response = client.post(card_page, card_data(number))
    if approve is not None:
        assert response["Location"].startswith("/gateway/test/3ds/"), response
        result = "approve" if approve else "fail"
        response = client.post(response["Location"], {"result": result})
    return response


def deliver_webhooks() -> int:
    """Deliver every webhook the gateway has not delivered yet, oldest first; returns how many."""
    sent = 0
    while True:
        pending = list(
            GatewayWebhook.objects.filter(delivered_at__isnull=True).values_list("pk", flat=True)
        )
        if not pending:
            return sent
        for webhook_id in pending:
            deliver_webhook.call_local(webhook_id)
            sent += 1


def card_at_gateway(intent: PaymentIntent, number: str = SUCCESS) -> dict:
    """What the buyer does on the hosted card page, without the page: tokenise and pay."""
    card = processor.tokenize(number=number, exp_month=12, exp_year=2030, cvc=CVC)
    return processor.confirm(ref=intent.gateway_ref, token=card.token, idempotency_key=card.token)


def last_webhook(event_type: str = "payment_intent.succeeded") -> GatewayWebhook:
    return GatewayWebhook.objects.filter(type=event_type).latest("id")


def intent_of(checkout: Checkout) -> PaymentIntent:
    return PaymentIntent.objects.get(checkout=checkout, active=True)


def start(checkout: Checkout, now: dt.datetime | None = None) -> PaymentIntent:
    return services.start_checkout_payment(
        checkout=checkout, buyer=checkout.buyer, now=now or clock.now(), idempotency_key="t"
    )


def pay(checkout: Checkout, *, now: dt.datetime | None = None) -> PaymentIntent:
    """Pay the checkout's orders with the success card through the API path (applied at once),
    then deliver the gateway's webhooks: its orders are paid and their money is in escrow."""
    now = now or clock.now()
    intent = services.start_checkout_payment(
        checkout=checkout, buyer=checkout.buyer, now=now, idempotency_key=f"pay:{checkout.pk}"
    )
    card = processor.tokenize(number=SUCCESS, exp_month=12, exp_year=2030, cvc=CVC)
    paid = services.pay_with_token(intent=intent, token=card.token, now=now)
    deliver_webhooks()
    return paid
