"""Demo country restrictions: deliveries to India are switched off (a state blocking order), and
kitchen knives cannot be delivered to the United Kingdom. Idempotent; recorded by the demo admin
through the restrictions services, with a legal basis like any staff change."""

import datetime as dt

from tradepost.catalog.models import Category
from tradepost.restrictions import services
from tradepost.restrictions.models import CategoryRestriction, CountryPolicy

INDIA_LEGAL_REF = "India, IT Act 2000 s. 69A blocking order (2020-11-24)"
INDIA_REASON = "Deliveries to India are suspended under a government blocking order."
KNIVES_SLUG = "kitchen-knives"
KNIVES_COUNTRY = "GB"
KNIVES_LEGAL_REF = (
    "United Kingdom, Offensive Weapons Act 2019, Part 3 (sale and delivery of knives)"
)
KNIVES_REASON = "Knives bought online cannot be delivered to addresses in the United Kingdom."


def ensure_restrictions(staff, now: dt.datetime) -> dict:
    """Create the demo restrictions that are missing; return how many rows were created."""
    created = {"country_policies": 0, "category_restrictions": 0}
    if not CountryPolicy.objects.filter(country="IN").exists():
        services.set_country_availability(
            staff=staff, country="IN", available=False, legal_ref=INDIA_LEGAL_REF,
            reason=INDIA_REASON, now=now,
        )  # fmt: skip
        created["country_policies"] = 1
    knives = Category.objects.filter(slug=KNIVES_SLUG).first()
    if knives is not None and not CategoryRestriction.objects.filter(category=knives).exists():
        rows = services.restrict_category(
            staff=staff, category_id=knives.pk, countries=[KNIVES_COUNTRY],
            legal_ref=KNIVES_LEGAL_REF, reason=KNIVES_REASON, now=now,
        )  # fmt: skip
        created["category_restrictions"] = len(rows)
    return created
