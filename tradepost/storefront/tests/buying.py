"""Helpers for the cart, checkout and order page tests."""

import html as html_lib
import re

from tradepost.accounts.models import Address
from tradepost.cart.models import CartLine

HX = {"HX-Request": "true"}


def add(client, variant, quantity="1", *, htmx: bool = False, **extra):
    data = {"variant": getattr(variant, "public_id", variant), "quantity": quantity, **extra}
    return client.post("/en/cart/add/", data, headers=HX if htmx else {})


def set_quantity(client, variant, quantity, *, htmx: bool = True):
    url = f"/en/cart/lines/{variant.public_id}/"
    return client.post(url, {"quantity": quantity}, headers=HX if htmx else {})


def quantities(user=None) -> dict[str, int]:
    rows = CartLine.objects.all() if user is None else CartLine.objects.filter(cart__user=user)
    return {line.variant.sku: line.quantity for line in rows.select_related("variant")}


def make_address(user, country: str = "ES") -> Address:
    return Address.objects.create(
        user=user, full_name="Lucía García", line1="Calle Mayor 1", city="Madrid",
        postal_code="28013", country=country, phone="+34612345678", is_default=True,
    )  # fmt: skip


def text(response) -> str:
    """The response's visible text, tags dropped and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def review(client):
    """Choose the buyer's default address and open the review page."""
    address = Address.objects.latest("id").public_id
    client.post("/en/checkout/", {"use_address": "1", "address": address})
    return client.get("/en/checkout/review/")


def place_form(response) -> dict[str, str]:
    """The hidden fields of the review page's place form."""
    html = response.content.decode()
    form = html[html.index('class="place-form"') :]
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', form).group(1)
        for name in ("request_key", "expected_total_minor", "currency")
    }
