import pytest

from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.payments.testing import pay
from tradepost.shipping.testing import flat_rate


@pytest.fixture
def lamp(db, clock):
    """A lamp (stock 10) from a Chinese store pricing in EUR that processes orders in 3 days."""
    store = make_seller_store(country="CN", currency="EUR")
    flat_rate(store, rate_minor=300, processing_days=3)
    product = make_product(store=store, category=make_category(["lamps"]), variants=[{"stock": 10}])
    return product.variants.get()


@pytest.fixture
def buy_lamp(lamp, clock):
    """buy_lamp(paid=True) → an order of 2 lamps by a new Spanish buyer, paid by card (money in
    escrow) unless paid=False."""

    def buy(*, paid: bool = True, country: str = "ES"):
        buyer = make_buyer(country=country)
        cart_with(buyer, (lamp, 2))
        checkout = place(buyer)
        if paid:
            pay(checkout)
        order = checkout.orders.get()
        order.refresh_from_db()
        return order

    return buy
