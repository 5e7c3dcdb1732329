"""The demo catalogue: a category tree, verified sellers from ten countries, thousands of listings.

    generate_catalog(sellers=40, products=2000, seed=2026)

Deterministic for a seed (names, numbers, prices, titles, dates; public ids stay random).
Sellers go through the sellers services (every validator runs); listings are written in bulk
(see products.py). Idempotent: does nothing when the demo sellers exist.
"""

import datetime as dt
import random

from django.db import transaction

from tradepost import clock
from tradepost.catalog import versions
from tradepost.catalog.models import Category, CategoryTranslation
from tradepost.demo_catalog.categories import CATEGORIES
from tradepost.demo_catalog.products import create_products
from tradepost.demo_catalog.sellers import (
    DEMO_DOMAIN,
    SELLER_PASSWORD,
    create_sellers,
    seller_logins,
)
from tradepost.sellers.models import Seller

__all__ = ["DEMO_DOMAIN", "SELLER_PASSWORD", "ensure_categories", "generate_catalog",
           "seller_logins"]  # fmt: skip
DEFAULT_SEED = 2026


def ensure_categories() -> dict[str, Category]:
    """The category tree with its eleven-language names; existing categories are kept."""
    made: dict[str, Category] = {}
    for position, spec in enumerate(CATEGORIES):
        parent = made.get(spec.parent) if spec.parent else None
        category, _created = Category.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "parent": parent, "depth": 0 if parent is None else parent.depth + 1,
                "position": position, "commission_bps": spec.commission_bps,
                "restricted": spec.restricted, "prohibited": spec.prohibited,
                "deposit_minor": spec.deposit_minor, "deposit_currency": spec.deposit_currency,
            },
        )  # fmt: skip
        made[spec.slug] = category
        CategoryTranslation.objects.bulk_create(
            [
                CategoryTranslation(category=category, language=language, name=name)
                for language, name in spec.translations().items()
            ],
            ignore_conflicts=True,
        )
    return made


@transaction.atomic
def generate_catalog(
    *,
    sellers: int = 40,
    products: int = 2000,
    seed: int = DEFAULT_SEED,
    now: dt.datetime | None = None,
    images: bool = True,
    reviewer=None,
) -> dict:
    """Create the demo catalogue unless it exists; return what was created (counts)."""
    if Seller.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").exists():
        return {"sellers": 0, "products": 0}
    now = now or clock.now()
    rng = random.Random(seed)
    ensure_categories()
    made = create_sellers(rng, sellers, now, reviewer)
    counts = create_products(rng, made, products, now, images=images)
    versions.bump(listings=True, shared=True)
    return {"sellers": len(made), **vars(counts)}
