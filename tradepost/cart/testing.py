"""Factories for buying tests: exchange rates, buyers with an address, a cart and a checkout."""

import datetime as dt
import itertools
from decimal import Decimal

from tradepost import clock
from tradepost.accounts.models import Address, User
from tradepost.cart import services
from tradepost.cart.models import Cart
from tradepost.money.models import ExchangeRate

_numbers = itertools.count(1)

ADDRESSES = {
    "ES": {"city": "Madrid", "postal_code": "28013", "phone": "+34 612 345 678"},
    "DE": {"city": "Berlin", "postal_code": "10115", "phone": "+49 30 1234567"},
    "GB": {"city": "London", "postal_code": "SW1A 1AA", "phone": "+44 20 7946 0958"},
    "US": {"city": "Austin", "postal_code": "78701", "phone": "+1 512 555 0100"},
    "FR": {"city": "Paris", "postal_code": "75004", "phone": "+33 6 12 34 56 78"},
}


def add_rates(on: dt.date = dt.date(2026, 11, 24), **rates: str) -> None:
    """ECB rows: `add_rates(CNY="7.5")` means 1 EUR = 7.5 CNY on `on`."""
    for quote, rate in rates.items():
        ExchangeRate.objects.create(
            quote=quote,
            rate=Decimal(rate),
            rate_date=on,
            imported_at=dt.datetime.combine(on, dt.time(16), tzinfo=dt.UTC),
        )


def make_buyer(*, country: str = "ES", email: str | None = None) -> User:
    """A buyer with one default address in `country`."""
    user = User.objects.create_user(email=email or f"buyer{next(_numbers)}@example.com")
    place = ADDRESSES[country]
    Address.objects.create(
        user=user,
        full_name=f"Buyer {user.pk}",
        line1="Calle Mayor 1",
        city=place["city"],
        postal_code=place["postal_code"],
        country=country,
        phone=place["phone"],
        is_default=True,
    )
    return user


def address_of(user: User) -> str:
    return Address.objects.filter(user=user).values_list("public_id", flat=True).first()


def cart_with(user: User, *lines: tuple, now: dt.datetime | None = None) -> Cart:
    """`cart_with(buyer, (variant, 2), (other, 1))`."""
    now = now or clock.now()
    cart = services.cart_for(user=user, create=True, now=now)
    for variant, quantity in lines:
        services.add_to_cart(
            ship_to="FR", cart=cart, variant=variant.public_id, quantity=quantity, now=now
        )
    return cart


def place(user: User, *, currency: str = "EUR", key: str | None = None, **extra):
    now = extra.pop("now", None) or clock.now()
    return services.place_checkout(
        buyer=user,
        cart=services.cart_for(user=user, now=now),
        address_id=address_of(user),
        currency=currency,
        language="en",
        request_key=key or f"key-{next(_numbers)}",
        now=now,
        **extra,
    )
