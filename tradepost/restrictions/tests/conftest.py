"""Fixtures of the restrictions tests: a restrictions manager (trust & safety), a category tree
with products, and a helper that records restrictions through the services."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from tradepost.accounts.roles import TRUST_SAFETY
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.restrictions import services

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
INDIA_REF = "India, IT Act 2000 s. 69A blocking order (2020-11-24)"


@pytest.fixture
def manager(make_user):
    user = make_user("safety@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=TRUST_SAFETY))
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def tree(db):
    """toys-hobbies › rc-cars › rc-drones, and electronics › phones."""
    drones = make_category(path=["toys-hobbies", "rc-cars", "rc-drones"])
    phones = make_category(path=["electronics", "phones"])
    return {"drones": drones, "rc": drones.parent, "toys": drones.parent.parent, "phones": phones}


@pytest.fixture
def store(db):
    return make_seller_store(country="CN", currency="CNY", name="Shenzhen Toys")


@pytest.fixture
def goods(store, tree):
    """One product in each of: rc-drones, rc-cars, toys-hobbies, phones."""
    return {
        name: make_product(store=store, category=tree[name], titles={"en": f"A {name} item"})
        for name in ("drones", "rc", "toys", "phones")
    }


@pytest.fixture
def switch_off(manager):
    def switch(country="IN", *, now, effective_from=None, available=False):
        return services.set_country_availability(
            staff=manager, country=country, available=available, legal_ref=INDIA_REF,
            reason="Blocking order", effective_from=effective_from, now=now,
        )  # fmt: skip

    return switch


@pytest.fixture
def restrict(manager):
    """restrict(category=…) or restrict(product=…) for `countries`."""

    def make(*, countries, category=None, product=None, now=None, reason="Not allowed there"):
        now = now or dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
        basis = {"legal_ref": "Germany, JuSchG § 12", "reason": reason, "now": now}
        if category is not None:
            return services.restrict_category(
                staff=manager, category_id=category.pk, countries=countries, **basis
            )
        return services.restrict_listing(
            staff=manager, product_public_id=product.public_id, countries=countries, **basis
        )

    return make
