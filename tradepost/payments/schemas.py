"""API shapes of payments. Payers see their payment (never the gateway's card token); sellers and
staff see an order's refunds. Inputs list exactly what a caller may set."""

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.money.schemas import MAX_MINOR, MoneyOut
from tradepost.payments.models import PaymentIntent, Refund

MAX_LINES = 500


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


class PayIn(_In):
    payment_token: str | None = Field(
        None,
        max_length=64,
        description="A card token from the gateway's tokenisation endpoint (the test gateway: "
        "POST /gateway/test/tokens). Without it, send the buyer to `next_url`.",
    )


class RefundIn(_In):
    amount_minor: int | None = Field(
        None, ge=1, le=MAX_MINOR, description="Minor units of the order's currency"
    )
    lines: list[str] | None = Field(
        None, max_length=MAX_LINES, description="SKUs of order lines to refund in full"
    )
    reason: str = Field(max_length=1000, description="Shown to the buyer")


class CardOut(Schema):
    brand: str
    last4: str
    exp_month: int | None
    exp_year: int | None


class PaymentOrderOut(Schema):
    order: str
    amount: MoneyOut


class PaymentOut(Schema):
    id: str
    purpose: str
    status: str
    amount: MoneyOut
    checkout: str | None
    orders: list[PaymentOrderOut]
    card: CardOut | None
    failure_code: str = Field(description="Why the last attempt was declined, if it was")
    next_url: str = Field(
        description="Where the payer goes now (the gateway's card or 3-D Secure page); empty "
        "when there is nothing to do there"
    )
    created_at: dt.datetime


class RefundOut(Schema):
    id: str
    order: str
    payment: str
    amount: MoneyOut
    lines: list[str]
    status: str
    reason: str
    automatic: bool
    created_at: dt.datetime


class WebhookReceivedOut(Schema):
    received: bool
    outcome: str


def payment_out(intent: PaymentIntent, *, next_url: str = "") -> PaymentOut:
    card = None
    if intent.card_last4:
        card = CardOut(
            brand=intent.card_brand, last4=intent.card_last4,
            exp_month=intent.card_exp_month, exp_year=intent.card_exp_year,
        )  # fmt: skip
    return PaymentOut(
        id=intent.public_id,
        purpose=intent.purpose,
        status=intent.status,
        amount=MoneyOut(minor=intent.amount_minor, currency=intent.currency),
        checkout=intent.checkout.public_id if intent.checkout_id else None,
        orders=[
            PaymentOrderOut(
                order=a.order.public_id,
                amount=MoneyOut(minor=a.amount_minor, currency=intent.currency),
            )
            for a in intent.allocations.select_related("order")
        ],
        card=card,
        failure_code=intent.failure_code,
        next_url=next_url,
        created_at=intent.created_at,
    )


def refund_out(refund: Refund, skus: dict[int, str]) -> RefundOut:
    return RefundOut(
        id=refund.public_id,
        order=refund.order.public_id,
        payment=refund.intent.public_id,
        amount=MoneyOut(minor=refund.amount_minor, currency=refund.currency),
        lines=[skus.get(pk, "") for pk in refund.line_ids or []],
        status=refund.status,
        reason=refund.reason,
        automatic=refund.automatic,
        created_at=refund.created_at,
    )
