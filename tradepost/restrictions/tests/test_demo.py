"""The demo's restrictions: India switched off, kitchen knives not to the United Kingdom."""

import pytest

from tradepost import demo_catalog
from tradepost.demo_catalog import restrictions as demo_restrictions
from tradepost.restrictions import selectors
from tradepost.restrictions.models import CategoryRestriction, CountryPolicy

pytestmark = pytest.mark.django_db


def test_demo_makes_india_unavailable_and_restricts_knives_for_gb(make_user, clock):
    admin = make_user("admin@example.com", is_staff=True, is_superuser=True)
    made = demo_catalog.ensure_categories()

    created = demo_restrictions.ensure_restrictions(admin, clock.now())

    assert created == {"country_policies": 1, "category_restrictions": 1}
    assert selectors.country_available("IN", now=clock.now()) is False
    policy = CountryPolicy.objects.get(country="IN")
    assert policy.legal_ref == "India, IT Act 2000 s. 69A blocking order (2020-11-24)"
    knives = CategoryRestriction.objects.get()
    assert (knives.category, knives.country.code) == (made["kitchen-knives"], "GB")
    assert knives.legal_ref.startswith("United Kingdom, Offensive Weapons Act 2019")


def test_demo_restrictions_are_created_once(make_user, clock):
    admin = make_user("admin@example.com", is_staff=True, is_superuser=True)
    demo_catalog.ensure_categories()
    demo_restrictions.ensure_restrictions(admin, clock.now())

    again = demo_restrictions.ensure_restrictions(admin, clock.now())

    assert again == {"country_policies": 0, "category_restrictions": 0}
    assert (CountryPolicy.objects.count(), CategoryRestriction.objects.count()) == (1, 1)
