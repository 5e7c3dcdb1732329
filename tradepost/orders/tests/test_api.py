"""The orders API: the buyer's list, detail and cancel; the seller's list, ship and cancel; each
with tenancy (404 and nothing changed), scopes and bounded queries."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradepost.accounts.models import Address
from tradepost.api.testing import bearer, error_of, send
from tradepost.cart import services as cart_services
from tradepost.catalog.models import Variant
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.money.models import ExchangeRate
from tradepost.orders.models import Order, OrderEvent
from tradepost.orders.states import OrderStatus
from tradepost.orders.testing import mark_paid

pytestmark = pytest.mark.django_db

ORDERS = "/api/v1/orders"
SELLER_ORDERS = "/api/v1/seller/orders"
SHIPMENT = {"carrier": "DHL", "tracking_number": "1234 567 890"}


@pytest.fixture
def shop(clock):
    ExchangeRate.objects.create(
        quote="CNY", rate=Decimal("7.5"), rate_date=dt.date(2026, 11, 24),
        imported_at=dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC),
    )  # fmt: skip
    category = make_category()
    mine = make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")
    theirs = make_seller_store(country="DE", currency="EUR", name="Berlin Tools")
    phone = make_product(
        store=mine, category=category, titles={"en": "Pocket phone"},
        variants=[{"price_minor": 1000, "stock": 50, "sku": "PHONE-RED"}],
    )  # fmt: skip
    drill = make_product(
        store=theirs, category=category, titles={"en": "Drill"},
        variants=[{"price_minor": 1500, "stock": 50, "sku": "DRILL-1"}],
    )  # fmt: skip
    return {"mine": mine, "theirs": theirs, "phone": phone.variants.get(),
            "drill": drill.variants.get()}  # fmt: skip


def place(buyer, *lines, clock, key: str):
    """A checkout of `lines` ((variant, quantity), …) placed by `buyer` in EUR."""
    address = Address.objects.filter(user=buyer).first() or Address.objects.create(
        user=buyer, full_name="Lucía García", line1="Calle Mayor 1", city="Madrid",
        postal_code="28013", country="ES", phone="+34612345678",
    )  # fmt: skip
    cart = cart_services.cart_for(user=buyer, create=True, now=clock.now())
    for variant, quantity in lines:
        cart_services.add_to_cart(
            ship_to="FR", cart=cart, variant=variant.public_id, quantity=quantity, now=clock.now()
        )
    return cart_services.place_checkout(
        buyer=buyer, cart=cart, address_id=address.public_id, currency="EUR", language="en",
        request_key=key, now=clock.now(),
    )  # fmt: skip


@pytest.fixture
def checkout(buyer, shop, clock):
    """The buyer's checkout: 2 phones from my store, 1 drill from theirs."""
    return place(buyer, (shop["phone"], 2), (shop["drill"], 1), clock=clock, key="a")


@pytest.fixture
def my_order(checkout, shop):
    return Order.objects.get(checkout=checkout, store=shop["mine"])


@pytest.fixture
def buyer_headers(buyer, clock):
    return bearer(buyer, "orders:read", "orders:write")


@pytest.fixture
def seller_headers(shop, clock):
    return bearer(shop["mine"].seller.user, "orders:read", "orders:write")


@pytest.fixture
def rival_headers(shop, clock):
    """The other store's seller: they must never see or touch my store's orders."""
    return bearer(shop["theirs"].seller.user, "orders:read", "orders:write")


def status_of(order) -> str:
    return Order.objects.get(pk=order.pk).status


def stock(variant) -> int:
    return Variant.objects.get(pk=variant.pk).stock


# --- buyer -------------------------------------------------------------------------------------


def test_buyer_lists_their_orders_with_public_ids_only(client, checkout, buyer_headers):
    response = send(client, "get", ORDERS, **buyer_headers)

    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 2
    assert {item["checkout"] for item in items} == {checkout.public_id}
    assert {item["store"]["name"] for item in items} == {"Shenzhen Gadgets", "Berlin Tools"}
    assert all("id" not in item and "buyer" not in item for item in items)


def test_buyer_list_pages_with_a_cursor(client, checkout, buyer_headers):
    first = send(client, "get", f"{ORDERS}?limit=1", **buyer_headers).json()
    second = send(
        client, "get", f"{ORDERS}?limit=1&cursor={first['next_cursor']}", **buyer_headers
    ).json()

    assert first["next_cursor"] and second["next_cursor"] is None
    seen = {first["items"][0]["public_id"], second["items"][0]["public_id"]}
    assert seen == set(Order.objects.values_list("public_id", flat=True))


def test_a_forged_cursor_is_refused(client, checkout, buyer_headers):
    response = send(client, "get", f"{ORDERS}?cursor=bm9wZQ", **buyer_headers)

    assert response.status_code == 422
    assert "cursor" in error_of(response)["fields"]


def test_buyer_list_costs_the_same_queries_for_more_orders(
    client, checkout, buyer, shop, buyer_headers, clock
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert send(client, "get", ORDERS, **buyer_headers).status_code == 200
        return len(captured)

    queries()  # the token's last-used stamp is written once a minute: not part of the list
    few = queries()
    for n in range(3):
        place(buyer, (shop["phone"], 1), (shop["drill"], 1), clock=clock, key=f"more-{n}")
    assert queries() == few


def test_buyer_order_detail_has_lines_charges_and_events(client, my_order, buyer_headers):
    response = send(client, "get", f"{ORDERS}/{my_order.public_id}", **buyer_headers)

    assert response.status_code == 200
    body = response.json()
    assert body["lines"] == [
        {
            "sku": "PHONE-RED",
            "title": "Pocket phone",
            "variant_label": "",
            "quantity": 2,
            "unit_price": {"minor": 1000, "currency": "CNY"},
            "original_line_total": {"minor": 2000, "currency": "CNY"},
            "line_total": {"minor": 267, "currency": "EUR"},
        }
    ]
    assert body["charges"] == [
        {
            "kind": "shipping",
            "label": "Standard shipping",
            "amount": {"minor": 0, "currency": "EUR"},
        },
        # imported into Spain (IOSS): 21 % of €2.67 = 0.5607 → €0.56, and the €3 EU duty
        {
            "kind": "tax",
            "label": "VAT (Spain, 21 %)",
            "amount": {"minor": 56, "currency": "EUR"},
        },
        {
            "kind": "tax",
            "label": "EU customs duty (1 × €3.00)",
            "amount": {"minor": 300, "currency": "EUR"},
        },
    ]
    assert [(e["from_status"], e["to_status"], e["by"]) for e in body["events"]] == [
        ("", "awaiting_payment", "buyer")
    ]
    assert body["rate"] == "0.133333333333"
    assert body["shipping_address"]["city"] == "Madrid"


def test_buyer_cancels_an_unpaid_order_and_its_stock_returns(client, my_order, shop, buyer_headers):
    response = send(client, "post", f"{ORDERS}/{my_order.public_id}/cancel", **buyer_headers)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["events"][-1]["by"] == "buyer"
    assert stock(shop["phone"]) == 50


def test_buyer_cannot_cancel_a_paid_order(client, checkout, my_order, shop, buyer_headers, clock):
    mark_paid(checkout=checkout, now=clock.now())

    response = send(
        client, "post", f"{ORDERS}/{my_order.public_id}/cancel", {"reason": "changed my mind"},
        **buyer_headers,
    )  # fmt: skip

    assert response.status_code == 409
    assert error_of(response)["code"] == "illegal_order_transition"
    assert status_of(my_order) == OrderStatus.PAID


def test_another_buyer_cannot_see_or_cancel_the_order(
    client, my_order, checkout, shop, other_buyer, clock
):
    theirs = bearer(other_buyer, "orders:read", "orders:write")

    listed = send(client, "get", ORDERS, **theirs).json()["items"]
    detail = send(client, "get", f"{ORDERS}/{my_order.public_id}", **theirs)
    cancel = send(client, "post", f"{ORDERS}/{my_order.public_id}/cancel", **theirs)

    assert listed == []
    assert (detail.status_code, cancel.status_code) == (404, 404)
    assert error_of(cancel)["code"] == "order_not_found"
    assert status_of(my_order) == OrderStatus.AWAITING_PAYMENT
    assert stock(shop["phone"]) == 48
    assert OrderEvent.objects.filter(order=my_order).count() == 1


def test_a_read_only_token_cannot_cancel(client, my_order, buyer, clock):
    response = send(
        client, "post", f"{ORDERS}/{my_order.public_id}/cancel", **bearer(buyer, "orders:read")
    )

    assert response.status_code == 403
    assert error_of(response)["code"] == "insufficient_scope"
    assert status_of(my_order) == OrderStatus.AWAITING_PAYMENT


# --- seller ------------------------------------------------------------------------------------


def test_seller_sees_only_its_own_orders_without_the_buyers_email(
    client, checkout, my_order, buyer, seller_headers
):
    response = send(client, "get", SELLER_ORDERS, **seller_headers)
    detail = send(client, "get", f"{SELLER_ORDERS}/{my_order.public_id}", **seller_headers)

    assert response.status_code == detail.status_code == 200
    assert [item["public_id"] for item in response.json()["items"]] == [my_order.public_id]
    body = detail.json()
    assert body["buyer_name"] == "Lucía García"
    assert body["store_items"] == {"minor": 2000, "currency": "CNY"}
    assert body["total"] == {"minor": 267 + 56 + 300, "currency": "EUR"}  # with import tax
    text = response.content.decode() + detail.content.decode()
    assert buyer.email not in text
    assert checkout.public_id not in text
    assert "DRILL-1" not in text and "Berlin Tools" not in text


def test_seller_filters_by_status_and_searches(client, checkout, my_order, seller_headers, clock):
    mark_paid(checkout=checkout, now=clock.now())

    def found(query: str) -> list[str]:
        response = send(client, "get", f"{SELLER_ORDERS}?{query}", **seller_headers)
        assert response.status_code == 200, response.content
        return [item["public_id"] for item in response.json()["items"]]

    assert found("status=paid") == [my_order.public_id]
    assert found("status=shipped") == []
    assert found("q=PHONE-RED") == [my_order.public_id]
    assert found(f"q={my_order.public_id}") == [my_order.public_id]
    assert found("q=Lucía") == [my_order.public_id]
    assert found("q=nothing-like-it") == []
    bad = send(client, "get", f"{SELLER_ORDERS}?status=lost", **seller_headers)
    assert bad.status_code == 422


def test_seller_ships_a_paid_order(client, checkout, my_order, seller_headers, clock):
    mark_paid(checkout=checkout, now=clock.now())

    response = send(
        client, "post", f"{SELLER_ORDERS}/{my_order.public_id}/ship", SHIPMENT, **seller_headers
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["carrier"], body["tracking_number"]) == (
        "shipped",
        "dhl",
        "1234567890",
    )
    assert body["events"][-1]["by"] == "seller"
    assert status_of(my_order) == OrderStatus.SHIPPED


def test_a_repeated_ship_with_one_key_ships_once(client, checkout, my_order, seller_headers, clock):
    mark_paid(checkout=checkout, now=clock.now())
    headers = {**seller_headers, "Idempotency-Key": "ship-1"}
    url = f"{SELLER_ORDERS}/{my_order.public_id}/ship"

    first = send(client, "post", url, SHIPMENT, **headers)
    second = send(client, "post", url, SHIPMENT, **headers)

    assert first.status_code == second.status_code == 200
    assert second["Idempotent-Replayed"] == "true"
    assert OrderEvent.objects.filter(order=my_order, to_status=OrderStatus.SHIPPED).count() == 1


@pytest.mark.parametrize(
    ("paid", "payload", "status", "code"),
    [
        (False, SHIPMENT, 409, "illegal_order_transition"),
        (True, {"carrier": " ", "tracking_number": "1"}, 422, "invalid_shipment"),
        (
            True,
            {"carrier": "China Post", "tracking_number": "RR1234567"},
            422,
            "invalid_tracking_number",
        ),
        (True, {"carrier": "DHL"}, 422, "invalid_input"),
        (True, {**SHIPMENT, "status": "delivered"}, 422, "invalid_input"),
    ],
)
def test_bad_shipments_are_refused(
    client, checkout, my_order, seller_headers, clock, paid, payload, status, code
):
    if paid:
        mark_paid(checkout=checkout, now=clock.now())
    before = status_of(my_order)

    response = send(
        client, "post", f"{SELLER_ORDERS}/{my_order.public_id}/ship", payload, **seller_headers
    )

    assert response.status_code == status, response.content
    assert error_of(response)["code"] == code
    assert status_of(my_order) == before
    assert Order.objects.get(pk=my_order.pk).tracking_number == ""


def test_seller_cancels_a_paid_order_with_a_reason(
    client, checkout, my_order, shop, seller_headers, clock
):
    mark_paid(checkout=checkout, now=clock.now())

    response = send(
        client, "post", f"{SELLER_ORDERS}/{my_order.public_id}/cancel",
        {"reason": "Out of stock in the warehouse"}, **seller_headers,
    )  # fmt: skip

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["events"][-1]["reason"] == "Out of stock in the warehouse"
    assert stock(shop["phone"]) == 50


@pytest.mark.parametrize(("payload", "code"), [({"reason": "  "}, "reason_required"),
                                               ({}, "invalid_input")])  # fmt: skip
def test_seller_cancel_needs_a_reason(
    client, checkout, my_order, seller_headers, clock, payload, code
):
    mark_paid(checkout=checkout, now=clock.now())

    response = send(
        client, "post", f"{SELLER_ORDERS}/{my_order.public_id}/cancel", payload, **seller_headers
    )

    assert response.status_code == 422
    assert error_of(response)["code"] == code
    assert status_of(my_order) == OrderStatus.PAID


def test_another_seller_cannot_see_ship_or_cancel_the_order(
    client, checkout, my_order, rival_headers, clock
):
    mark_paid(checkout=checkout, now=clock.now())
    url = f"{SELLER_ORDERS}/{my_order.public_id}"

    listed = send(client, "get", SELLER_ORDERS, **rival_headers).json()["items"]
    detail = send(client, "get", url, **rival_headers)
    ship = send(client, "post", f"{url}/ship", SHIPMENT, **rival_headers)
    cancel = send(client, "post", f"{url}/cancel", {"reason": "no"}, **rival_headers)

    assert my_order.public_id not in json.dumps(listed)
    assert [r.status_code for r in (detail, ship, cancel)] == [404, 404, 404]
    assert {error_of(r)["code"] for r in (detail, ship, cancel)} == {"order_not_found"}
    assert status_of(my_order) == OrderStatus.PAID
    assert OrderEvent.objects.filter(order=my_order).count() == 2


def test_a_buyer_without_a_store_gets_not_found_on_seller_orders(client, checkout, buyer_headers):
    response = send(client, "get", SELLER_ORDERS, **buyer_headers)

    assert response.status_code == 404
    assert error_of(response)["code"] == "store_not_found"


def test_a_seller_token_without_write_scope_cannot_ship(client, checkout, my_order, shop, clock):
    mark_paid(checkout=checkout, now=clock.now())
    reader = bearer(shop["mine"].seller.user, "orders:read")

    response = send(
        client, "post", f"{SELLER_ORDERS}/{my_order.public_id}/ship", SHIPMENT, **reader
    )

    assert response.status_code == 403
    assert status_of(my_order) == OrderStatus.PAID


def test_seller_list_costs_the_same_queries_for_more_orders(
    client, checkout, buyer, shop, seller_headers, clock
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert send(client, "get", SELLER_ORDERS, **seller_headers).status_code == 200
        return len(captured)

    queries()  # the token's last-used stamp is written once a minute: not part of the list
    few = queries()
    for n in range(3):
        place(buyer, (shop["phone"], 1), clock=clock, key=f"more-{n}")
    assert queries() == few


def test_openapi_documents_buyer_and_seller_order_shapes_apart(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert {
        "/api/v1/cart",
        "/api/v1/cart/lines",
        "/api/v1/checkout/quote",
        "/api/v1/checkouts",
        "/api/v1/orders/{public_id}/cancel",
        "/api/v1/seller/orders/{public_id}/ship",
    } <= set(schema["paths"])
    shapes = schema["components"]["schemas"]
    seller_fields = set(shapes["SellerOrderOut"]["properties"])
    assert "checkout" in shapes["BuyerOrderOut"]["properties"]
    assert not seller_fields & {"checkout", "buyer", "email", "id"}
    create = schema["paths"]["/api/v1/checkouts"]["post"]
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}


# --- confirm receipt ---------------------------------------------------------------------------


def _ship_paid(checkout, order, seller_headers, client, clock):
    from tradepost.payments.testing import pay

    pay(checkout, now=clock.now())
    shipped = send(
        client, "post", f"{SELLER_ORDERS}/{order.public_id}/ship", SHIPMENT, **seller_headers
    )
    assert shipped.status_code == 200, shipped.content
    return shipped.json()


def test_buyer_confirms_receipt_and_the_escrow_is_released(
    client, checkout, my_order, buyer_headers, seller_headers, clock
):
    from tradepost.ledger.selectors import escrow_by_order

    shipped = _ship_paid(checkout, my_order, seller_headers, client, clock)
    assert shipped["auto_confirm_at"] == "2027-01-24T12:00:00Z"  # 60 days after shipping

    url = f"{ORDERS}/{my_order.public_id}/confirm-receipt"
    response = send(client, "post", url, **buyer_headers, **{"Idempotency-Key": "c1"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["auto_confirm_at"]) == ("completed", None)
    assert body["completed_at"] == "2026-11-25T12:00:00Z"
    assert escrow_by_order(my_order) == 0
    again = send(client, "post", url, **buyer_headers, **{"Idempotency-Key": "c1"})
    assert (again.status_code, again["Idempotent-Replayed"]) == (200, "true")


def test_receipt_cannot_be_confirmed_before_shipping(
    client, checkout, my_order, buyer_headers, clock
):
    from tradepost.payments.testing import pay

    pay(checkout, now=clock.now())
    response = send(
        client, "post", f"{ORDERS}/{my_order.public_id}/confirm-receipt", **buyer_headers
    )

    assert response.status_code == 409
    assert error_of(response)["code"] == "cannot_confirm_receipt"
    assert status_of(my_order) == OrderStatus.PAID


def test_another_buyer_or_the_seller_cannot_confirm_receipt(
    client, checkout, my_order, other_buyer, seller_headers, clock
):
    _ship_paid(checkout, my_order, seller_headers, client, clock)
    url = f"{ORDERS}/{my_order.public_id}/confirm-receipt"

    stranger = send(client, "post", url, **bearer(other_buyer, "orders:read", "orders:write"))
    seller = send(client, "post", url, **seller_headers)

    assert (stranger.status_code, seller.status_code) == (404, 404)
    assert error_of(stranger)["code"] == "order_not_found"
    assert status_of(my_order) == OrderStatus.SHIPPED
