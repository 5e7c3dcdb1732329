"""API shapes of orders: separate buyer and seller outputs (RELIABILITY.md §8, field-level access).

The buyer sees their orders with public ids only (no database ids, no coupon or deal ids). The
seller sees its own store's orders: what to ship and where, amounts in its store currency and
the buyer's — never the buyer's e-mail, account, checkout or the other stores of the checkout.
Events name who acted by role only (buyer, seller, staff, system).
"""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.money.schemas import MoneyOut
from tradepost.orders.models import Order, OrderEvent
from tradepost.orders.selectors import MAX_SEARCH

MAX_LIMIT = 100
_STATUSES = "^(awaiting_payment|paid|shipped|delivered|completed|cancelled)$"


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# --- inputs ------------------------------------------------------------------------------------


class BuyerCancelIn(_In):
    reason: str = Field("", max_length=1000)


class SellerCancelIn(_In):
    reason: str = Field(max_length=1000, description="Shown to the buyer; required")


class ShipIn(_In):
    carrier: str = Field(
        max_length=200,
        description="carrier code (or name) from the carrier list, e.g. china-post, dhl, ups; "
        "other for one not listed",
    )
    tracking_number: str = Field(
        max_length=200,
        description="as printed (spaces and dashes ignored); checked against the carrier's "
        "formats and the UPU S10 check digit (422 invalid_tracking_number)",
    )


class OrderListFilter(Schema):
    cursor: str | None = Field(None, max_length=400)
    limit: int = Field(25, ge=1, le=MAX_LIMIT)


class SellerOrderFilter(OrderListFilter):
    status: str | None = Field(None, pattern=_STATUSES, description="Only orders in this status")
    q: str | None = Field(
        None, max_length=MAX_SEARCH, description="Order id, buyer name, SKU or tracking number"
    )


# --- shared outputs ----------------------------------------------------------------------------


class StoreRefOut(Schema):
    slug: str
    name: str
    country: str


class AddressSnapshotOut(Schema):
    full_name: str
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str


class OrderLineOut(Schema):
    sku: str
    title: str
    variant_label: str
    quantity: int
    unit_price: MoneyOut = Field(description="store currency, after tier or deal")
    original_line_total: MoneyOut = Field(description="unit × quantity, store currency")
    line_total: MoneyOut = Field(description="converted once into the buyer's currency")


class ChargeOut(Schema):
    kind: str = Field(description="shipping, discount (negative) or tax")
    label: str
    amount: MoneyOut


class SellerChargeOut(ChargeOut):
    funded_by: str = Field(description="discounts: platform or seller")


class TrackingEventOut(Schema):
    occurred_at: dt.datetime
    status: str = Field(
        description="info_received, in_transit, out_for_delivery, delivered, exception or returned"
    )
    location: str
    description: str


class TrackingOut(Schema):
    carrier: str = Field(description="carrier code")
    carrier_name: str
    tracking_number: str
    url: str = Field(description="the carrier's page for this parcel")
    delivered_at: dt.datetime | None = Field(description="when the carrier says it delivered")
    events: list[TrackingEventOut] = Field(description="oldest first, by when they happened")


class EventOut(Schema):
    from_status: str
    to_status: str
    by: str = Field(description="buyer, seller, staff or system")
    reason: str
    at: dt.datetime


class _Amounts(Schema):
    """What the buyer pays for this order, in the buyer's currency."""

    currency: str
    items: MoneyOut
    shipping: MoneyOut
    discount: MoneyOut = Field(description="subtracted from the total")
    tax: MoneyOut
    total: MoneyOut


# --- buyer -------------------------------------------------------------------------------------


class BuyerOrderSummaryOut(_Amounts):
    public_id: str
    checkout: str = Field(description="public id of the checkout it was placed in")
    status: str
    store: StoreRefOut
    lines: list[OrderLineOut]
    pay_by: dt.datetime
    ship_by: dt.datetime | None = Field(
        description="set at payment: not shipped by then, the order is cancelled and refunded"
    )
    promised_from: dt.date | None = Field(description="promised delivery range, first day")
    promised_to: dt.date | None
    carrier: str
    tracking_number: str
    shipped_at: dt.datetime | None
    delivered_at: dt.datetime | None
    completed_at: dt.datetime | None
    auto_confirm_at: dt.datetime | None = Field(
        description="when receipt is confirmed for the buyer and the seller paid, if not before"
    )
    protection_extended_at: dt.datetime | None = Field(
        description="when the buyer extended protection (once per order)"
    )
    created_at: dt.datetime


class BuyerOrderOut(BuyerOrderSummaryOut):
    store_currency: str
    rate: str | None = Field(description="units of the buyer's currency per 1 store unit")
    rate_date: dt.date | None
    shipping_option: str
    shipping_address: AddressSnapshotOut
    charges: list[ChargeOut]
    events: list[EventOut]
    tracking: TrackingOut | None = Field(description="the parcel, once shipped")


class BuyerOrderPageOut(Schema):
    items: list[BuyerOrderSummaryOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null at end")


# --- seller ------------------------------------------------------------------------------------


class SellerOrderSummaryOut(_Amounts):
    public_id: str
    status: str
    buyer_name: str = Field(description="the name on the shipping address")
    ship_to_country: str
    store_currency: str
    store_items: MoneyOut = Field(description="items as priced, store currency")
    store_shipping: MoneyOut = Field(description="shipping as priced, store currency")
    lines: list[OrderLineOut]
    pay_by: dt.datetime
    ship_by: dt.datetime | None = Field(
        description="ship by then, or the order is cancelled and the buyer refunded"
    )
    planned_carrier: str = Field(description="the carrier the buyer was offered")
    promised_from: dt.date | None
    promised_to: dt.date | None
    carrier: str
    tracking_number: str
    shipped_at: dt.datetime | None
    delivered_at: dt.datetime | None
    completed_at: dt.datetime | None
    auto_confirm_at: dt.datetime | None
    protection_extended_at: dt.datetime | None
    created_at: dt.datetime


class SellerOrderOut(SellerOrderSummaryOut):
    rate: str | None
    rate_date: dt.date | None
    shipping_option: str
    shipping_address: AddressSnapshotOut
    charges: list[SellerChargeOut]
    events: list[EventOut]


class SellerOrderPageOut(Schema):
    items: list[SellerOrderSummaryOut]
    next_cursor: str | None


# --- building outputs --------------------------------------------------------------------------


def money(minor: int, currency: str) -> MoneyOut:
    return MoneyOut(minor=minor, currency=currency)


def rate_text(order: Order) -> str | None:
    if order.currency == order.store_currency:
        return None
    return format(Decimal(order.fx_rate).normalize(), "f")


def address_out(snapshot: dict | None) -> AddressSnapshotOut:
    data = snapshot or {}
    return AddressSnapshotOut(
        **{name: str(data.get(name) or "") for name in AddressSnapshotOut.model_fields}
    )


def _amounts(order: Order) -> dict:
    currency = order.currency
    return {
        "currency": currency,
        "items": money(order.items_minor, currency),
        "shipping": money(order.shipping_minor, currency),
        "discount": money(order.discount_minor, currency),
        "tax": money(order.tax_minor, currency),
        "total": money(order.total_minor, currency),
    }


def _lines(order: Order) -> list[OrderLineOut]:
    return [
        OrderLineOut(
            sku=line.sku,
            title=line.title,
            variant_label=line.variant_label,
            quantity=line.quantity,
            unit_price=money(line.unit_price_minor, order.store_currency),
            original_line_total=money(line.store_line_total_minor, order.store_currency),
            line_total=money(line.line_total_minor, order.currency),
        )
        for line in order.lines.all()
    ]


def actor_role(order: Order, event: OrderEvent) -> str:
    if event.actor_id is None:
        return "system"
    if event.actor_id == order.buyer_id:
        return "buyer"
    return "staff" if event.actor.is_staff else "seller"


def _events(order: Order) -> list[EventOut]:
    return [
        EventOut(
            from_status=event.from_status,
            to_status=event.to_status,
            by=actor_role(order, event),
            reason=event.reason,
            at=event.created_at,
        )
        for event in order.events.all()
    ]


def _store(order: Order) -> StoreRefOut:
    store = order.store
    return StoreRefOut(slug=store.slug, name=store.name, country=store.country.code)


def _common(order: Order) -> dict:
    return {
        **_amounts(order),
        "public_id": order.public_id,
        "status": order.status,
        "lines": _lines(order),
        "pay_by": order.pay_by,
        "ship_by": order.ship_by,
        "promised_from": order.promised_from,
        "promised_to": order.promised_to,
        "protection_extended_at": order.protection_extended_at,
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "shipped_at": order.shipped_at,
        "delivered_at": order.delivered_at,
        "completed_at": order.completed_at,
        "auto_confirm_at": order.auto_confirm_at,
        "created_at": order.created_at,
    }


def buyer_order_summary_out(order: Order) -> BuyerOrderSummaryOut:
    return BuyerOrderSummaryOut(
        **_common(order), checkout=order.checkout.public_id, store=_store(order)
    )


def buyer_order_out(order: Order) -> BuyerOrderOut:
    return BuyerOrderOut(
        **_common(order),
        checkout=order.checkout.public_id,
        store=_store(order),
        store_currency=order.store_currency,
        rate=rate_text(order),
        rate_date=order.fx_rate_date,
        shipping_option=order.shipping_option,
        shipping_address=address_out(order.shipping_address),
        charges=[
            ChargeOut(
                kind=charge.kind,
                label=charge.label,
                amount=money(charge.amount_minor, order.currency),
            )
            for charge in order.charges.all()
        ],
        events=_events(order),
        tracking=_tracking(order),
    )


def _tracking(order: Order) -> TrackingOut | None:
    from tradepost.tracking.selectors import tracking_for_order  # noqa: PLC0415 - imports orders

    found = tracking_for_order(order) if order.shipped_at else None
    if found is None:
        return None
    return TrackingOut(
        carrier=found.carrier,
        carrier_name=found.carrier_name,
        tracking_number=found.tracking_number,
        url=found.url,
        delivered_at=found.delivered_at,
        events=[
            TrackingEventOut(
                occurred_at=event.occurred_at,
                status=event.status,
                location=event.location,
                description=event.description,
            )
            for event in found.events
        ],
    )


def _seller_common(order: Order) -> dict:
    address = order.shipping_address or {}
    return {
        **_common(order),
        "buyer_name": str(address.get("full_name") or ""),
        "ship_to_country": str(address.get("country") or ""),
        "store_currency": order.store_currency,
        "planned_carrier": order.planned_carrier,
        "store_items": money(order.store_items_minor, order.store_currency),
        "store_shipping": money(order.store_shipping_minor, order.store_currency),
    }


def seller_order_summary_out(order: Order) -> SellerOrderSummaryOut:
    return SellerOrderSummaryOut(**_seller_common(order))


def seller_order_out(order: Order) -> SellerOrderOut:
    return SellerOrderOut(
        **_seller_common(order),
        rate=rate_text(order),
        rate_date=order.fx_rate_date,
        shipping_option=order.shipping_option,
        shipping_address=address_out(order.shipping_address),
        charges=[
            SellerChargeOut(
                kind=charge.kind,
                label=charge.label,
                amount=money(charge.amount_minor, order.currency),
                funded_by=charge.funded_by,
            )
            for charge in order.charges.all()
        ],
        events=_events(order),
    )
