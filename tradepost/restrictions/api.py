"""The restrictions router: may goods go to this country? Public; mounted by tradepost/api.

A refusal is HTTP 451 with the code `country_unavailable` (deliveries to the country are switched
off) or `restricted_in_country` (some listings may not go there; `fields.products` says why).
"""

from ninja import Query, Router

from tradepost import clock
from tradepost.catalog.errors import ProductNotFound
from tradepost.restrictions import selectors, services
from tradepost.restrictions.schemas import ShipToCheckIn, ShipToCheckOut

router = Router(tags=["restrictions"])


@router.get("/restrictions/check", response=ShipToCheckOut, auth=None)
def check_ship_to(request, query: Query[ShipToCheckIn]):
    """Check a ship-to country, and optionally listings, before adding to the cart or paying."""
    services.check_ship_to(query.country, now=clock.now())
    products = selectors.public_products_by_public_id(query.products)
    if len(products) != len(set(query.products)):
        raise ProductNotFound()
    services.check_products(products, query.country)
    return ShipToCheckOut(
        country=selectors.normalise_country(query.country),
        available=True,
        products=[p.public_id for p in products],
    )
