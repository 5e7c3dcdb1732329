import pytest

from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.sellers.testing import *  # noqa: F403 - seller fixtures


@pytest.fixture
def add_rates(db):
    """`add_rates(CNY="7.5", JPY="160")`: ECB rows (1 EUR = rate quote) dated 2026-11-24."""
    from tradepost.cart.testing import add_rates

    return add_rates


@pytest.fixture
def phones(db):
    return make_category(path=["electronics", "phones"], names={"en": "Phones"})


@pytest.fixture
def cn_store(db):
    return make_seller_store(country="CN", currency="CNY", name="Shenzhen Gadgets")


@pytest.fixture
def jp_store(db):
    return make_seller_store(country="JP", currency="JPY", name="Osaka Tools")


@pytest.fixture
def de_store(db):
    return make_seller_store(country="DE", currency="EUR", name="Aachen Werkzeug")


@pytest.fixture
def phone(cn_store, phones):
    return make_product(
        store=cn_store,
        category=phones,
        titles={"en": "Pocket phone"},
        variants=[{"price_minor": 6800, "stock": 20, "options": {"Colour": "Red"}}],
    )


@pytest.fixture
def variant(phone):
    return phone.variants.get()


@pytest.fixture
def promo_staff(make_user):
    """A staff member with the promotions permission and TOTP (the console needs both)."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Permission

    user = make_user("promo@example.com", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_promotions"))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


@pytest.fixture
def plain_staff(make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    user = make_user("support@example.com", is_staff=True)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user
