"""Payment writes: starting a checkout's or a deposit's payment, paying with a card token, and
(re-exported) refunds. Applying what the gateway reports lives in payments.settlement; webhooks
in payments.webhooks.

Gateway calls happen outside our row locks where they can, each with an idempotency key derived
from the intent's public id and the step (`gateway_key`), so a retry after a crash repeats the
call safely instead of making a second charge (RELIABILITY.md §1).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse

from tradepost.cart.models import Checkout
from tradepost.orders.models import Order
from tradepost.orders.states import OrderStatus
from tradepost.payments import errors, settlement
from tradepost.payments.gateways import get_gateway
from tradepost.payments.gateways.base import GatewayError, GatewayIntent
from tradepost.payments.models import PaymentAllocation, PaymentEvent, PaymentIntent
from tradepost.payments.refunds import refund_order  # noqa: F401 - part of this module's API
from tradepost.payments.states import OPEN, PaymentPurpose, PaymentStatus
from tradepost.payments.transitions import transition_intent

__all__ = [
    "gateway_key",
    "next_url",
    "pay_with_token",
    "refund_order",
    "start_checkout_payment",
    "start_deposit_payment",
]


def gateway_key(intent: PaymentIntent, step: str) -> str:
    return f"tp:{intent.public_id}:{step}"


def _gateway_call(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except GatewayError as error:
        raise errors.PaymentGatewayFailed(code=error.code) from None


# --- checkout ----------------------------------------------------------------------------------


def start_checkout_payment(
    *, checkout: Checkout, buyer, now: dt.datetime, idempotency_key: str, return_url: str = ""
) -> PaymentIntent:
    """The checkout's one active payment, created at the gateway for the orders still awaiting
    payment, or the existing one (a failed one is opened again for another card). A payment whose
    orders changed since (the buyer cancelled one) is replaced. Raises NothingToPay when every
    order is cancelled, and returns a succeeded payment as it is."""
    if checkout.buyer_id != getattr(buyer, "pk", None):
        raise errors.PaymentNotFound()
    superseded = None
    for _attempt in range(2):
        try:
            intent, superseded = _claim_checkout_intent(checkout, buyer, now, idempotency_key)
            break
        except IntegrityError:  # another request created the active intent meanwhile
            continue
    else:
        raise errors.PaymentGatewayFailed()
    if superseded is not None and superseded.gateway_ref:
        gateway = get_gateway(superseded.gateway)
        try:
            gateway.cancel(
                ref=superseded.gateway_ref, idempotency_key=gateway_key(superseded, "cancel")
            )
        except GatewayError:
            pass  # it succeeded after all: its capture is returned automatically
    return _ensure_at_gateway(intent, return_url or _status_path(checkout))


def _status_path(checkout: Checkout) -> str:
    return reverse("storefront:checkout_payment", kwargs={"public_id": checkout.public_id})


def _claim_checkout_intent(checkout, buyer, now, key) -> tuple[PaymentIntent, PaymentIntent | None]:
    with transaction.atomic():
        Checkout.objects.select_for_update().filter(pk=checkout.pk).first()
        active = PaymentIntent.objects.filter(checkout=checkout, active=True).first()
        if active is not None and active.status == PaymentStatus.SUCCEEDED:
            return active, None
        payable = list(
            Order.objects.filter(checkout=checkout, status=OrderStatus.AWAITING_PAYMENT).order_by(
                "id"
            )
        )
        if not payable or sum(order.total_minor for order in payable) <= 0:
            if Order.objects.filter(checkout=checkout, status=OrderStatus.PAID).exists():
                raise errors.AlreadyPaid()
            raise errors.NothingToPay()
        wanted = {(order.pk, order.total_minor) for order in payable}
        if active is not None:
            if set(active.allocations.values_list("order_id", "amount_minor")) == wanted:
                if active.status == PaymentStatus.FAILED:
                    transition_intent(
                        intent=active, to=PaymentStatus.PENDING, now=now, actor=buyer,
                        reason="retry",
                    )  # fmt: skip
                return active, None
            transition_intent(
                intent=active, to=PaymentStatus.CANCELED, now=now, actor=buyer,
                reason="the orders to pay changed",
            )  # fmt: skip
        intent = _new_intent(
            purpose=PaymentPurpose.CHECKOUT, checkout=checkout, buyer=buyer,
            amount_minor=sum(order.total_minor for order in payable),
            currency=checkout.currency, now=now, key=key,
        )  # fmt: skip
        PaymentAllocation.objects.bulk_create(
            PaymentAllocation(intent=intent, order=order, amount_minor=order.total_minor)
            for order in payable
        )
        return intent, active


def _new_intent(*, now: dt.datetime, key: str, **fields) -> PaymentIntent:
    with transaction.atomic():  # a savepoint: a lost race leaves the outer transaction usable
        intent = PaymentIntent.objects.create(
            status=PaymentStatus.PENDING,
            status_changed_at=now,
            gateway=get_gateway().name,
            idempotency_key=(key or "")[:255],
            created_at=now,
            **fields,
        )
    PaymentEvent.objects.create(
        intent=intent, from_status="", to_status=intent.status, actor=fields.get("buyer"),
        created_at=now,
    )  # fmt: skip
    return intent


def _ensure_at_gateway(intent: PaymentIntent, return_url: str) -> PaymentIntent:
    """Create the intent's payment at the gateway unless done (the same key on every retry)."""
    if intent.gateway_ref:
        return intent
    gateway = get_gateway(intent.gateway)
    created = _gateway_call(
        gateway.create_intent,
        amount_minor=intent.amount_minor,
        currency=intent.currency,
        return_url=return_url,
        metadata={"payment": intent.public_id, "purpose": intent.purpose},
        idempotency_key=gateway_key(intent, "create"),
    )
    PaymentIntent.objects.filter(pk=intent.pk, gateway_ref="").update(gateway_ref=created.ref)
    intent.refresh_from_db(fields=["gateway_ref"])
    return intent


def next_url(intent: PaymentIntent) -> str:
    """Where the payer goes now: the gateway's card page or 3-D Secure page; "" when there is
    nothing to do there (paid, cancelled, or waiting for the gateway's confirmation)."""
    if intent.status not in OPEN or not intent.gateway_ref:
        return ""
    return retrieve(intent).next_url


def retrieve(intent: PaymentIntent) -> GatewayIntent:
    return _gateway_call(get_gateway(intent.gateway).retrieve, intent.gateway_ref)


def pay_with_token(*, intent: PaymentIntent, token: str, now: dt.datetime) -> PaymentIntent:
    """Pay an open intent with a card token from the gateway's tokenisation endpoint (API
    clients); the outcome is applied at once (the webhook that follows changes nothing)."""
    if intent.status not in OPEN:
        return intent
    gateway = get_gateway(intent.gateway)
    try:
        result = gateway.confirm(
            ref=intent.gateway_ref,
            token=token,
            idempotency_key=gateway_key(intent, f"confirm:{token}"),
        )
    except GatewayError as error:
        if error.code == "no_such_token":
            raise errors.PaymentTokenInvalid() from None
        result = retrieve(intent)  # another card is being used right now: report where it is
    settlement.apply_gateway_state(intent=intent, state=result, now=now)
    intent.refresh_from_db()
    return intent


# --- seller deposits ---------------------------------------------------------------------------


def start_deposit_payment(
    *, seller, amount_minor: int, currency: str, now: dt.datetime, return_url: str = ""
) -> PaymentIntent:
    """A payment of a seller's deposit; on capture the ledger holds it in the seller's deposit
    account and sellers.services.deposit_paid is told. An open one for the same amount is
    reused."""
    with transaction.atomic():
        intent = PaymentIntent.objects.filter(
            purpose=PaymentPurpose.DEPOSIT, seller=seller, amount_minor=amount_minor,
            currency=currency, active=True, status__in=OPEN,
        ).first()  # fmt: skip
        if intent is None:
            intent = _new_intent(
                purpose=PaymentPurpose.DEPOSIT, seller=seller, buyer=seller.user,
                amount_minor=amount_minor, currency=currency, now=now, key="",
            )  # fmt: skip
    return _ensure_at_gateway(intent, return_url or _deposits_path())


def _deposits_path() -> str:
    try:
        return reverse("sellercenter:deposits")
    except NoReverseMatch:
        return "/"
