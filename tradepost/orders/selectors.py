"""Reads of orders for buyers and sellers. Every read takes the actor and filters by it: another
buyer's or store's order is simply not found (404, DESIGN.md §4 tenancy)."""

from django.db.models import Prefetch, Q, QuerySet

from tradepost.orders.errors import OrderNotFound
from tradepost.orders.models import Order, OrderEvent
from tradepost.orders.states import OrderStatus
from tradepost.sellers.models import Store

PAGE_SIZE = 25
MAX_SEARCH = 80


def orders_for_buyer(buyer) -> QuerySet[Order]:
    return (
        Order.objects.filter(buyer=buyer)
        .select_related("store", "checkout")
        .prefetch_related("lines")
        .order_by("-created_at", "-id")
    )


def order_for_buyer(buyer, public_id: str) -> Order:
    return _detail(Order.objects.filter(buyer=buyer), public_id)


def orders_for_store(
    store: Store, *, status: str | None = None, search: str | None = None
) -> QuerySet[Order]:
    """The store's orders, newest first; `status` one of OrderStatus (else ignored), `search`
    matches the order id, the buyer's name, a SKU or a tracking number."""
    rows = Order.objects.filter(store=store)
    if status in OrderStatus.values:
        rows = rows.filter(status=status)
    text = (search or "").strip()[:MAX_SEARCH]
    if text:
        rows = rows.filter(
            Q(public_id__iexact=text)
            | Q(shipping_address__full_name__icontains=text)
            | Q(lines__sku__iexact=text)
            | Q(tracking_number__iexact=text)
        ).distinct()
    return rows.select_related("checkout").prefetch_related("lines").order_by("-created_at", "-id")


def order_for_store(store: Store, public_id: str) -> Order:
    return _detail(Order.objects.filter(store=store), public_id)


def _detail(rows: QuerySet[Order], public_id) -> Order:
    order = (
        rows.filter(public_id=str(public_id or "")[:24])
        .select_related("store", "checkout", "buyer")
        .prefetch_related(
            "lines",
            "charges",
            Prefetch("events", queryset=OrderEvent.objects.select_related("actor")),
        )
        .first()
    )
    if order is None:
        raise OrderNotFound()
    return order
