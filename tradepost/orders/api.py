"""Orders over the API: the buyer's own orders, and the seller's own store's orders.

Every read and act goes through orders.selectors with the caller: another buyer's or another
store's order is "not found" (404) and nothing changes. Buyers and sellers get separate output
schemas (orders.schemas). Lists are newest first, a page at a time: follow `next_cursor`.
"""

import base64
import binascii
import datetime as dt
import json

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Body, Query, Router

from tradepost import clock
from tradepost.api.auth import require_scope
from tradepost.api.idempotency import idempotent
from tradepost.catalog.api import store_of
from tradepost.errors import InvalidInput
from tradepost.orders import selectors, services
from tradepost.orders.models import Order
from tradepost.orders.schemas import (
    BuyerCancelIn,
    BuyerOrderOut,
    BuyerOrderPageOut,
    OrderListFilter,
    SellerCancelIn,
    SellerOrderFilter,
    SellerOrderOut,
    SellerOrderPageOut,
    ShipIn,
    buyer_order_out,
    buyer_order_summary_out,
    seller_order_out,
    seller_order_summary_out,
)

router = Router(tags=["orders"])


# --- pages of orders: a keyset over (created_at, public_id), newest first -----------------------


def _bad_cursor() -> InvalidInput:
    return InvalidInput(fields={"cursor": [_("This cursor is not valid here.")]})


def _after(rows: QuerySet[Order], cursor: str | None) -> QuerySet[Order]:
    rows = rows.order_by("-created_at", "-public_id")
    if cursor is None:
        return rows
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        moment = dt.datetime.fromisoformat(data["t"])
        last = data["p"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise _bad_cursor() from None
    if moment.tzinfo is None or not isinstance(last, str):
        raise _bad_cursor()
    return rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, public_id__lt=last))


def page_of(rows: QuerySet[Order], query: OrderListFilter) -> tuple[list[Order], str | None]:
    found = list(_after(rows, query.cursor)[: query.limit + 1])
    page = found[: query.limit]
    if len(found) <= query.limit:
        return page, None
    last = {"t": page[-1].created_at.isoformat(), "p": page[-1].public_id}
    raw = json.dumps(last, separators=(",", ":")).encode()
    return page, base64.urlsafe_b64encode(raw).decode().rstrip("=")


# --- buyer -------------------------------------------------------------------------------------


@router.get("/orders", response=BuyerOrderPageOut)
def list_orders(request, query: Query[OrderListFilter]):
    """Your orders, newest first."""
    require_scope(request, "orders:read")
    orders, next_cursor = page_of(selectors.orders_for_buyer(request.auth), query)
    return BuyerOrderPageOut(
        items=[buyer_order_summary_out(order) for order in orders], next_cursor=next_cursor
    )


@router.get("/orders/{public_id}", response=BuyerOrderOut)
def get_order(request, public_id: str):
    """One of your orders with its lines, charges and the timeline of its events."""
    require_scope(request, "orders:read")
    return buyer_order_out(selectors.order_for_buyer(request.auth, public_id))


@router.post("/orders/{public_id}/cancel", response=BuyerOrderOut)
def cancel_order(request, public_id: str, payload: Body[BuyerCancelIn] = None):
    """Cancel an order you have not paid yet (the body is optional); its stock is released."""
    require_scope(request, "orders:write")
    order = selectors.order_for_buyer(request.auth, public_id)
    reason = payload.reason if payload is not None else ""
    services.cancel_by_buyer(order=order, buyer=request.auth, reason=reason, now=clock.now())
    return buyer_order_out(selectors.order_for_buyer(request.auth, public_id))


@router.post("/orders/{public_id}/confirm-receipt", response=BuyerOrderOut)
@idempotent
def confirm_receipt(request, public_id: str):
    """Confirm that the parcel arrived: the order is completed and the seller paid from escrow.
    Only once the order has been shipped (409 `cannot_confirm_receipt` before)."""
    require_scope(request, "orders:write")
    order = selectors.order_for_buyer(request.auth, public_id)
    services.confirm_receipt(order=order, buyer=request.auth, now=clock.now())
    return buyer_order_out(selectors.order_for_buyer(request.auth, public_id))


@router.post("/orders/{public_id}/extend-protection", response=BuyerOrderOut)
@idempotent
def extend_protection(request, public_id: str):
    """Give yourself more time before receipt is confirmed for you and the seller paid: the
    protection deadline (`auto_confirm_at`) moves 15 days later. Once per order (409
    `protection_already_extended` the second time), and only once the order has been shipped
    (409 `cannot_extend_protection`)."""
    require_scope(request, "orders:write")
    order = selectors.order_for_buyer(request.auth, public_id)
    services.extend_protection(order=order, buyer=request.auth, now=clock.now())
    return buyer_order_out(selectors.order_for_buyer(request.auth, public_id))


# --- seller ------------------------------------------------------------------------------------


@router.get("/seller/orders", response=SellerOrderPageOut)
def list_store_orders(request, query: Query[SellerOrderFilter]):
    """Your store's orders, newest first; `status` and `q` narrow them."""
    store = store_of(request, "orders:read")
    rows = selectors.orders_for_store(store, status=query.status, search=query.q)
    orders, next_cursor = page_of(rows, query)
    return SellerOrderPageOut(
        items=[seller_order_summary_out(order) for order in orders], next_cursor=next_cursor
    )


@router.get("/seller/orders/{public_id}", response=SellerOrderOut)
def get_store_order(request, public_id: str):
    store = store_of(request, "orders:read")
    return seller_order_out(selectors.order_for_store(store, public_id))


@router.post("/seller/orders/{public_id}/ship", response=SellerOrderOut)
@idempotent
def ship_store_order(request, public_id: str, payload: ShipIn):
    """A paid order handed to a carrier: it becomes shipped."""
    store = store_of(request, "orders:write")
    order = selectors.order_for_store(store, public_id)
    services.ship_order(
        order=order, seller_user=request.auth, carrier=payload.carrier,
        tracking_number=payload.tracking_number, now=clock.now(),
    )  # fmt: skip
    return seller_order_out(selectors.order_for_store(store, public_id))


@router.post("/seller/orders/{public_id}/cancel", response=SellerOrderOut)
@idempotent
def cancel_store_order(request, public_id: str, payload: SellerCancelIn):
    """Cancel a paid order you cannot ship, saying why (shown to the buyer)."""
    store = store_of(request, "orders:write")
    order = selectors.order_for_store(store, public_id)
    services.cancel_by_seller(
        order=order, seller_user=request.auth, reason=payload.reason, now=clock.now()
    )
    return seller_order_out(selectors.order_for_store(store, public_id))
