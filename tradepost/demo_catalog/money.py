"""An order history for the demo, so that balances, statements and the finance console have
something to show: each demo buyer bought from the sellers whose log-ins `make run` prints, paid
by card on the test gateway; every parcel has a tracking history from its carrier; some were
delivered and confirmed (the seller was paid), the last buyer's are on their way, one was partly
refunded, and one seller asked for a payout. Idempotent: skipped once any payment
exists."""

import datetime as dt

from tradepost import clock
from tradepost.accounts.models import Address
from tradepost.cart import services as cart
from tradepost.catalog.models import Variant
from tradepost.catalog.states import ProductStatus
from tradepost.demo_catalog.tracking import ship_with_history
from tradepost.ledger import payouts, selectors
from tradepost.orders import services as orders
from tradepost.orders.models import Order
from tradepost.payments import services as payments
from tradepost.payments.gateways.test_gateway import processor
from tradepost.payments.models import PaymentIntent
from tradepost.sellers.models import Store
from tradepost.shipping import selectors as shipping

DEMO_CARD = "4242424242424242"
# Days ago each demo buyer's checkout was placed; receipt is confirmed 9 days after (not the last).
DAYS_AGO = (40, 25, 18, 12, 4)
CONFIRMED_AFTER = dt.timedelta(days=9)


def _variant_of(store: Store) -> Variant | None:
    """A variant the demo buyers can buy one of (wholesale listings have minimum orders)."""
    return (
        Variant.objects.filter(
            product__store=store,
            product__status=ProductStatus.ACTIVE,
            product__min_order_quantity=1,
            product__lot_size=1,
            is_active=True,
            stock__gt=5,
        )
        .order_by("product_id", "id")
        .first()
    )


def _buy(buyer, variants: list[Variant], at: dt.datetime) -> list[Order]:
    basket = cart.cart_for(user=buyer, create=True, now=at)
    address = Address.objects.filter(user=buyer).order_by("-is_default", "id").first()
    ship_to = address.country.code
    for variant in variants:
        if shipping.ships_to(variant.product, ship_to):  # some stores exclude destinations
            cart.add_to_cart(
                cart=basket, variant=variant.public_id, quantity=1, now=at, ship_to=ship_to
            )
    checkout = cart.place_checkout(
        buyer=buyer, cart=basket, address_id=address.public_id, currency=buyer.display_currency,
        language=buyer.preferred_language or "en", request_key=f"demo-{buyer.pk}", now=at,
    )  # fmt: skip
    intent = payments.start_checkout_payment(
        checkout=checkout, buyer=buyer, now=at, idempotency_key=f"demo-{checkout.public_id}"
    )
    card = processor.tokenize(number=DEMO_CARD, exp_month=12, exp_year=at.year + 3, cvc="123")
    payments.pay_with_token(intent=intent, token=card.token, now=at)
    return list(checkout.orders.order_by("id"))


def _fulfil(order: Order, at: dt.datetime, *, confirm: bool, now: dt.datetime) -> None:
    ship_with_history(order, shipped_at=at + dt.timedelta(days=1), now=now, delivered=confirm)
    if confirm:
        orders.confirm_receipt(order=order, buyer=order.buyer, now=at + CONFIRMED_AFTER)


def ensure_order_history(buyers, staff, stores: list[Store]) -> dict:
    """`buyers` are demo users; `stores` the stores whose log-ins are printed."""
    if PaymentIntent.objects.exists() or not stores:
        return {"orders": 0}
    now = clock.now()
    variants = [v for v in (_variant_of(store) for store in stores) if v is not None]
    placed: list[Order] = []
    for number, buyer in enumerate(buyers):
        at = now - dt.timedelta(days=DAYS_AGO[number % len(DAYS_AGO)])
        basket = [variants[number % len(variants)], variants[(number + 1) % len(variants)]]
        bought = _buy(buyer, list({v.pk: v for v in basket}.values()), at)
        placed.extend(bought)
        # The last buyer's parcels, and any whose receipt would fall in the future, are on the way.
        confirm = number != len(buyers) - 1 and at + CONFIRMED_AFTER <= now
        for order in bought:
            _fulfil(order, at, confirm=confirm, now=now)
    refunded = next((o for o in placed if o.status == "shipped"), None)
    if refunded is not None:
        payments.refund_order(
            order=refunded, amount_minor=refunded.total_minor // 4, actor=staff, now=now,
            reason="Parcel arrived late: partial refund agreed with the buyer.",
        )  # fmt: skip
    _request_a_payout(stores[0], now)
    return {"orders": len(placed)}


def _request_a_payout(store: Store, now: dt.datetime) -> None:
    seller = store.seller
    if not (seller.payout_iban or seller.payout_account):
        return
    for currency, balance in selectors.seller_balances(seller).items():
        amount = balance.available // 2
        if amount >= payouts.payout_minimum(currency):
            payouts.request_payout(
                seller=seller, currency=currency, amount_minor=amount, now=now, actor=seller.user
            )
