"""Staff roles carry the permissions their pages check."""

import pytest

from tradepost.accounts import roles
from tradepost.accounts.models import User

pytestmark = pytest.mark.django_db


def _staff(role: str) -> User:
    roles.ensure_roles()
    user = User.objects.create_user(email=f"{role}@example.com", is_staff=True)
    user.groups.add(roles.Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_admins_manage_promotions_and_read_orders():
    admin = _staff(roles.ADMIN)
    assert admin.has_perm("promotions.manage_promotions")
    assert admin.has_perm("orders.view_order")


def test_support_reads_orders_but_does_not_manage_promotions():
    support = _staff(roles.SUPPORT)
    assert support.has_perm("orders.view_order")
    assert not support.has_perm("promotions.manage_promotions")


def test_buyers_and_sellers_have_no_permissions():
    roles.ensure_roles()
    for role in (roles.BUYER, roles.SELLER):
        assert not roles.Group.objects.get(name=role).permissions.exists()
