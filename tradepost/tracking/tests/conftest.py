import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.orders import services as orders
from tradepost.payments.testing import pay
from tradepost.tracking.testing import s10


@pytest.fixture
def variant(db, clock):
    store = make_seller_store(country="CN", currency="EUR")
    product = make_product(store=store, category=make_category(["lamps"]), variants=[{"stock": 20}])
    return product.variants.get()


@pytest.fixture
def buy(variant, clock):
    """buy() → a paid order of one lamp by a new buyer (in Spain by default)."""

    def buy_(*, country: str = "ES"):
        buyer = make_buyer(country=country)
        cart_with(buyer, (variant, 1))
        checkout = place(buyer)
        pay(checkout)
        return checkout.orders.get()

    return buy_


@pytest.fixture
def ship(buy, clock):
    """ship(serial=1) → a paid order of one lamp, shipped with China Post s10(serial)."""

    def ship_(serial: int = 1, *, country: str = "ES"):
        order = buy(country=country)
        return orders.ship_order(
            order=order, seller_user=order.store.seller.user, carrier="china-post",
            tracking_number=s10(serial), now=clock.now(),
        )  # fmt: skip

    return ship_


@pytest.fixture
def shipped(ship):
    return ship()


@pytest.fixture
def staff_client(make_user):
    """A signed-in staff member (with two-factor set up, as the console requires)."""
    user = make_user("ops@example.com", is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(user)
    return client
