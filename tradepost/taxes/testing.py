"""Test factories for import taxes: paid orders to a destination, taxed as a test says."""

import datetime as dt

from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.orders.models import Order
from tradepost.orders.testing import mark_paid
from tradepost.taxes.models import OrderTax


def placed_order(
    *, country: str = "DE", currency: str = "EUR", price_minor: int = 10000, now: dt.datetime
) -> Order:
    """One order of one item (`price_minor` in EUR) from a Chinese seller's EUR store to a buyer
    in `country` (cart.testing's address countries: ES, DE, GB, US), paying in `currency`.

    The tax the checkout itself recorded, if any, is dropped: the tests record their own."""
    store = make_seller_store(country="CN", currency="EUR")
    variant = make_product(
        store=store,
        category=make_category(["apparel"]),
        variants=[{"price_minor": price_minor, "stock": 50}],
    ).variants.get()
    buyer = make_buyer(country=country)
    cart_with(buyer, (variant, 1), now=now)
    checkout = place(buyer, currency=currency, now=now)
    order = checkout.orders.get()
    OrderTax.objects.filter(order=order).delete()
    return order


def pay(order: Order, *, now: dt.datetime) -> Order:
    """The order's checkout paid at `now` (its OrderEvent to "paid" dated `now`)."""
    mark_paid(checkout=order.checkout, now=now)
    order.refresh_from_db()
    return order


def record_tax(order: Order, *, destination: str, business_vat_number: str = "") -> OrderTax:
    """Assess the order as one consignment of a blouse to `destination` on the day it was placed
    (goods value in the store's currency, taxable = goods + shipping - discount) and record it."""
    from tradepost.taxes.services import (
        ConsignmentLine,
        assess_consignment,
        record_order_tax,
    )

    assessment = assess_consignment(
        destination=destination,
        lines=[ConsignmentLine(hs_code="620610", quantity=1, excise=False)],
        value_minor=order.store_items_minor,
        value_currency=order.store_currency,
        taxable_minor=order.items_minor + order.shipping_minor - order.discount_minor,
        currency=order.currency,
        business_vat_number=business_vat_number,
        on=order.created_at.date(),
    )
    return record_order_tax(order=order, assessment=assessment, now=order.created_at)
