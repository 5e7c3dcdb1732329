"""`GET /api/v1/search`: the storefront's search with the same parameters and facet counts."""

from ninja import Query, Router

from tradepost.catalog import selectors as catalog
from tradepost.catalog.api import display_language, display_rates
from tradepost.catalog.schemas import card_out
from tradepost.money.money import Money
from tradepost.search import prices, selectors, throttle
from tradepost.search.schemas import (
    BrandCountOut,
    CategoryCountOut,
    CountryCountOut,
    FacetsOut,
    PriceBucketOut,
    SearchIn,
    SearchOut,
    StoreCountOut,
)
from tradepost.sellers.models import Store

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
    return SearchOut(
        items=[card_out(card, rates) for card in cards],
        total=result.total,
        page=result.page,
        pages=result.pages,
        currency=rates.display_currency,
        fuzzy=result.fuzzy,
        suggestion=result.suggestion,
        facets=_facets_out(result.facets, tree, terms.shown_edges),
    )


def _facets_out(facets: selectors.Facets, tree, shown_edges: list[Money]) -> FacetsOut:
    stores = Store.objects.filter(id__in=facets.store).only("id", "slug", "name")
    by_id = {s.id: s for s in stores} if facets.store else {}
    bounds = [None, *shown_edges, None]
    buckets = facets.price if len(facets.price) == len(bounds) - 1 else ()
    return FacetsOut(
        categories=[
            CategoryCountOut(slug=node.slug, name=node.name, depth=node.depth, count=count)
            for category_id, count in sorted(facets.category.items(), key=lambda kv: -kv[1])
            if (node := tree.by_id.get(category_id)) is not None
        ],
        countries=[
            CountryCountOut(code=code, count=count)
            for code, count in sorted(facets.country.items(), key=lambda kv: -kv[1])
        ],
        brands=[
            BrandCountOut(name=name, count=count)
            for name, count in sorted(facets.brand.items(), key=lambda kv: -kv[1])
        ],
        stores=[
            StoreCountOut(slug=by_id[pk].slug, name=by_id[pk].name, count=count)
            for pk, count in sorted(facets.store.items(), key=lambda kv: -kv[1])
            if pk in by_id
        ],
        prices=[
            PriceBucketOut(
                min_minor=low.minor if low else None,
                max_minor=high.minor if high else None,
                count=bucket.count,
            )
            for bucket, low, high in zip(buckets, bounds, bounds[1:], strict=False)
        ],
    )
