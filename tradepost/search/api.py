"""`GET /api/v1/search`: the storefront's search with the same parameters and facet counts.

The answer is documented by `SearchOut` and built as plain JSON data in that shape: building
two dozen cards as Ninja schemas, then dumping them, cost more than the search itself.
search/tests/test_api.py checks every answer against the schema.
"""

import json

from django.http import HttpResponse
from ninja import Query, Router
from ninja.responses import NinjaJSONEncoder

from tradepost.catalog import selectors as catalog
from tradepost.catalog.api import display_language, display_rates
from tradepost.money.money import Money
from tradepost.search import prices, selectors, throttle
from tradepost.search.schemas import SearchIn, SearchOut
from tradepost.storefront.prices import RateBook

router = Router(tags=["search"])


@router.get("/search", response=SearchOut, auth=None)
def search(request, params: Query[SearchIn]):
    """Listings matching `q` (any of the 19 languages), filtered, sorted, with facet counts.
    Each client address has a budget of searches per minute (429 with Retry-After beyond)."""
    throttle.charge(request)
    language = display_language(params.lang)
    rates = display_rates(request, params.currency)
    tree = catalog.category_tree(language)
    category = catalog.get_public_category(params.category, language) if params.category else None
    store = catalog.get_public_store(params.store) if params.store else None
    terms = prices.price_terms(
        rates.display_currency, params.min_price_minor, params.max_price_minor
    )
    result = selectors.search(
        selectors.SearchParams(
            text=params.q,
            language=language,
            category_id=category.id if category else None,
            store_id=store.id if store else None,
            country=(params.ship_from_country or "").upper() or None,
            brand=params.brand or None,
            min_price=terms.low,
            max_price=terms.high,
            sort=params.sort,
            page=params.page,
            per_page=params.limit,
            price_edges=terms.index_edges,
        )
    )
    cards = catalog.cards_for_ids(result.ids, language)
    rates.load(card.price.currency for card in cards)
    data = {
        "items": [_card(card, rates) for card in cards],
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "currency": rates.display_currency,
        "fuzzy": result.fuzzy,
        "suggestion": result.suggestion,
        "facets": _facets(result.facets, tree, terms.shown_edges),
    }
    return HttpResponse(
        json.dumps(data, cls=NinjaJSONEncoder), content_type="application/json; charset=utf-8"
    )


def _money(money: Money) -> dict:
    return {"minor": money.minor, "currency": money.currency}


def _card(card: catalog.ProductCard, rates: RateBook) -> dict:
    """catalog.schemas.ProductCardOut, as data (catalog.schemas.card_out)."""
    shown = rates.price(card.price)
    image = card.image
    return {
        "public_id": card.public_id,
        "title": card.title,
        "slug": card.slug,
        "language": card.language,
        "price": _money(shown.shown),
        "original_price": _money(shown.original),
        "image": None
        if image is None
        else {
            "public_id": image.public_id,
            "src": image.src,
            "srcset": image.srcset,
            "width": image.width,
            "height": image.height,
            "alt": image.alt,
        },
        "store": {"slug": card.store_slug, "name": card.store_name, "country": card.store_country},
        "order_count": card.order_count,
    }


def _by_count(counts: dict):
    return sorted(counts.items(), key=lambda kv: -kv[1])


def _facets(facets: selectors.Facets, tree, shown_edges: list[Money]) -> dict:
    """search.schemas.FacetsOut, as data."""
    labels = catalog.store_labels(facets.store)
    bounds = [None, *shown_edges, None]
    buckets = facets.price if len(facets.price) == len(bounds) - 1 else ()
    return {
        "categories": [
            {"slug": node.slug, "name": node.name, "depth": node.depth, "count": count}
            for category_id, count in _by_count(facets.category)
            if (node := tree.by_id.get(category_id)) is not None
        ],
        "countries": [{"code": code, "count": count} for code, count in _by_count(facets.country)],
        "brands": [{"name": name, "count": count} for name, count in _by_count(facets.brand)],
        "stores": [
            {"slug": labels[pk][0], "name": labels[pk][1], "count": count}
            for pk, count in _by_count(facets.store)
            if pk in labels
        ],
        "prices": [
            {
                "min_minor": low.minor if low else None,
                "max_minor": high.minor if high else None,
                "count": bucket.count,
            }
            for bucket, low, high in zip(buckets, bounds, bounds[1:], strict=False)
        ],
    }
