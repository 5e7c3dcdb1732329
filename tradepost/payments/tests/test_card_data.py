"""No full card number or CVC anywhere (RELIABILITY.md §10): not in any table's row after paying
through the pages and the API, not in any log line, not as any model field, API field or echoed
form value. Only the token, brand, last 4 digits and expiry are kept."""

import json
import logging
import re

import pytest
from django.apps import apps
from django.db import connection

from tradepost.cart.testing import make_buyer
from tradepost.payments.models import PaymentIntent
from tradepost.payments.testing import CHALLENGE, deliver_webhooks, placed_checkout

SPACED_PAN = "4000 0000 0000 3220"
TOKEN_PAN = "4242424242424242"
CVC = "5183"
CVC_ALONE = re.compile(rf"(?<![0-9A-Za-z]){CVC}(?![0-9A-Za-z])")
FORBIDDEN_NAMES = re.compile(r"(^|_)(pan|cvv|cvc|cvv2|card_number|cardnumber)$")


def _as_text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return "" if value is None else str(value)


def leaks_in_database() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in map(_as_text, row):
                    digits = re.sub(r"[\s-]", "", value)
                    if CHALLENGE in digits or TOKEN_PAN in digits or CVC_ALONE.search(value):
                        found.append(f"{table}: {value[:120]}")
    return found


def test_paying_leaves_no_card_number_or_cvc_in_any_row_or_log(shop, client, caplog):
    caplog.set_level(logging.DEBUG)
    checkout = placed_checkout(shop)
    client.force_login(checkout.buyer)
    pay_page = f"/en/checkout/{checkout.public_id}/pay/"
    card_page = client.post(pay_page, {"token": client.get(pay_page).context["token"]})["Location"]
    card = {"exp_month": "12", "exp_year": "2030", "cvc": CVC}
    typo = client.post(card_page, {**card, "number": SPACED_PAN[:-1] + "1"})
    assert typo.status_code == 422 and CVC not in typo.content.decode()
    challenge = client.post(card_page, {**card, "number": SPACED_PAN})["Location"]
    client.post(challenge, {"result": "approve"})
    # An API client tokenises at the gateway and pays a second checkout with the token.
    other = placed_checkout(shop, make_buyer())
    token = client.post(
        "/gateway/test/tokens",
        json.dumps({**card, "number": TOKEN_PAN}),
        content_type="application/json",
    ).json()["token"]
    from tradepost.api.testing import bearer, send

    paid = send(
        client, "post", f"/api/v1/checkouts/{other.public_id}/pay", {"payment_token": token},
        **bearer(other.buyer, "orders:write"),
    )  # fmt: skip
    assert CVC not in paid.content.decode() and TOKEN_PAN not in paid.content.decode()
    deliver_webhooks()

    assert set(PaymentIntent.objects.values_list("status", flat=True)) == {"succeeded"}
    assert set(PaymentIntent.objects.values_list("card_last4", flat=True)) == {"3220", "4242"}
    assert leaks_in_database() == []
    logged = caplog.text
    assert CHALLENGE not in re.sub(r"[\s-]", "", logged) and TOKEN_PAN not in logged
    assert not CVC_ALONE.search(logged)


def test_the_database_scan_would_see_a_leak(shop):
    """The scan is not vacuous: a PAN put in a text column is found."""
    checkout = placed_checkout(shop)
    type(checkout).objects.filter(pk=checkout.pk).update(coupon_codes=[SPACED_PAN])
    assert leaks_in_database()


def test_no_model_field_is_named_for_card_numbers_or_codes():
    names = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if FORBIDDEN_NAMES.search(field.name)
    ]
    assert names == []


@pytest.mark.django_db
def test_no_api_field_takes_a_card_number_or_code(client):
    schema = client.get("/api/v1/openapi.json").json()
    properties = set()
    for component in schema["components"]["schemas"].values():
        properties |= set(component.get("properties", {}))
    assert not {name for name in properties if FORBIDDEN_NAMES.search(name)}
    assert "number" not in schema["components"]["schemas"].get("PayIn", {}).get("properties", {})


def test_log_lines_with_a_card_number_are_masked():
    from tradepost.payments.redaction import MASK, CardNumberFilter, redact

    assert redact("paid with 4242 4242 4242 4242 today") == f"paid with {MASK} today"
    assert redact("order 1234567890123 and id 20261125120001") == (
        "order 1234567890123 and id 20261125120001"
    )  # not Luhn-valid: left alone
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "body: %s", ("4000000000003220",), None
    )
    assert CardNumberFilter().filter(record) and record.getMessage() == f"body: {MASK}"
