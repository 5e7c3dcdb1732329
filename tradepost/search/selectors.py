"""Running a search: one page of listing ids, the total, facet counts and a suggestion.

Listing pages turn the ids into cards from the database (catalog.selectors.cards_for_ids), so
prices, pictures and titles are always current; the index decides what matches and in which
order.
"""

import dataclasses

import tantivy

from tradepost.catalog import selectors as catalog
from tradepost.search import analysis, index, query, schema

MAX_PAGE = 50  # deeper pages are refused: the catalogue cannot be walked to the end this way
FEW_RESULTS = 3  # fewer exact matches than this: try the fuzzy query as well
FACET_SIZE = {"brand": 20, "store": 20, "country": 250, "category": 2000}
SORTS = ("relevance", "price_asc", "price_desc", "newest", "orders")
_ORDER_FIELDS = {
    "price_asc": (schema.PRICE, tantivy.Order.Asc),
    "price_desc": (schema.PRICE, tantivy.Order.Desc),
    "newest": (schema.CREATED, tantivy.Order.Desc),
    "orders": (schema.ORDERS, tantivy.Order.Desc),
}
Occur = tantivy.Occur


@dataclasses.dataclass(frozen=True)
class SearchParams:
    text: str = ""
    language: str = "en"
    category_id: int | None = None
    store_id: int | None = None
    country: str | None = None
    brand: str | None = None
    min_price: int | None = None  # schema.PRICE_CURRENCY minor units, inclusive
    max_price: int | None = None
    free_shipping: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24
    facets: bool = True
    store_facet: bool = True  # the listing pages offer every store: only the API shows counts
    price_edges: tuple[int, ...] = ()  # bucket boundaries, PRICE_CURRENCY minor units


@dataclasses.dataclass(frozen=True)
class PriceBucket:
    start: int | None  # inclusive; None: no lower bound
    end: int | None  # exclusive; None: no upper bound
    count: int


@dataclasses.dataclass(frozen=True)
class Facets:
    category: dict[int, int]  # every category with matches (ancestors included)
    country: dict[str, int]
    brand: dict[str, int]
    store: dict[int, int]
    price: tuple[PriceBucket, ...]


NO_FACETS = Facets({}, {}, {}, {}, ())


@dataclasses.dataclass(frozen=True)
class SearchResult:
    ids: list[int]
    total: int
    page: int
    per_page: int
    facets: Facets
    fuzzy: bool = False  # the results come from the typo-tolerant query
    suggestion: str | None = None  # "did you mean"

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))


def _filters(params: SearchParams) -> list[tantivy.Query]:
    """The filters' queries, scoring nothing: they decide what matches, not its rank."""
    s = schema.SCHEMA
    found = []
    if params.category_id is not None:
        found.append(tantivy.Query.term_query(s, schema.CATEGORY, params.category_id))
    if params.store_id is not None:
        found.append(tantivy.Query.term_query(s, schema.STORE, params.store_id))
    if params.country:
        found.append(tantivy.Query.term_query(s, schema.COUNTRY, params.country))
    if params.brand:
        found.append(tantivy.Query.term_query(s, schema.BRAND, params.brand))
    if params.free_shipping:
        found.append(tantivy.Query.term_query(s, schema.FREE_SHIPPING, 1))
    if params.min_price is not None or params.max_price is not None:
        found.append(
            tantivy.Query.range_query(
                s, schema.PRICE, tantivy.FieldType.Integer, params.min_price, params.max_price
            )
        )
    return [tantivy.Query.const_score_query(q, 0.0) for q in found]


def _combine(text: tantivy.Query | None, filters: list[tantivy.Query]) -> tantivy.Query:
    clauses = [(Occur.Must, q) for q in ([text] if text is not None else []) + filters]
    if not clauses:
        return tantivy.Query.all_query()
    if len(clauses) == 1:
        return clauses[0][1]
    return tantivy.Query.boolean_query(clauses)


def _either(first: tantivy.Query, second: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Should, first), (Occur.Should, second)])


def _aggregations(price_edges: tuple[int, ...], stores: bool = True) -> dict:
    terms = [("category", schema.LEAF), ("country", schema.COUNTRY), ("brand", schema.BRAND)]
    if stores:
        terms.append(("store", schema.STORE))
    aggs = {name: {"terms": {"field": field, "size": FACET_SIZE[name]}} for name, field in terms}
    if price_edges:
        bounds = [None, *price_edges, None]
        ranges = []
        for start, end in zip(bounds, bounds[1:], strict=False):
            ranges.append({k: v for k, v in (("from", start), ("to", end)) if v is not None})
        aggs["price"] = {"range": {"field": schema.PRICE, "ranges": ranges}}
    return aggs


def _facets(searcher: tantivy.Searcher, q: tantivy.Query, params: SearchParams) -> Facets:
    result = searcher.aggregate(q, _aggregations(params.price_edges, params.store_facet))

    def counts(name, key=lambda k: k):
        buckets = result.get(name, {}).get("buckets", ())
        return {key(b["key"]): b["doc_count"] for b in buckets if b["doc_count"]}

    price = tuple(
        PriceBucket(
            start=int(b["from"]) if "from" in b else None,
            end=int(b["to"]) if "to" in b else None,
            count=b["doc_count"],
        )
        for b in result.get("price", {}).get("buckets", ())
    )
    return Facets(
        category=_with_ancestors(counts("category", int)),
        country=counts("country"),
        brand=counts("brand"),
        store=counts("store", int),
        price=price,
    )


def _with_ancestors(own: dict[int, int]) -> dict[int, int]:
    """Counts per listing category → counts per category, its listings' ancestors included.

    The index counts each listing once, under its own category: a tree walk here is cheaper
    than counting every listing under each of its ancestors."""
    by_id = catalog.category_tree(catalog.FALLBACK_LANGUAGE).by_id
    found: dict[int, int] = {}
    for category_id, count in own.items():
        node = by_id.get(category_id)
        if node is None:  # blocked since it was indexed: callers drop unknown categories
            found[category_id] = found.get(category_id, 0) + count
        while node is not None:
            found[node.id] = found.get(node.id, 0) + count
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
    # the engine's order for the rest of the facets: most matches first, then by id
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def _run(searcher, q, params: SearchParams, offset: int, weighted: bool):
    order = _ORDER_FIELDS.get(params.sort)
    if order is None and not weighted:
        order = _ORDER_FIELDS["newest"]  # nothing to rank by: newest first
    kwargs = {"limit": params.per_page, "offset": offset, "count": True}
    if order is not None:
        kwargs.update(order_by_field=order[0], order=order[1])
    else:
        kwargs["weight_by_field"] = schema.POPULARITY
    return searcher.search(q, **kwargs)


def search(params: SearchParams) -> SearchResult:
    page = min(max(1, params.page), MAX_PAGE)
    offset = (page - 1) * params.per_page
    text = query.normalise(params.text)
    searcher = index.searcher()
    filters = _filters(params)
    exact = query.text_query(text, params.language) if text else None
    if text and exact is None:  # nothing searchable in the text: no results, not everything
        return SearchResult([], 0, page, params.per_page, NO_FACETS)
    q = _combine(exact, filters)
    # what the facets count: the same matches as q, found with less work (no title clauses)
    matching = query.text_query(text, params.language, ranked=False) if exact is not None else None
    counted = _combine(matching, filters)
    result = _run(searcher, q, params, offset, weighted=exact is not None)
    fuzzy = False
    loose = query.fuzzy_query(text) if exact is not None and result.count < FEW_RESULTS else None
    if loose is not None:
        fuzzy_q = _combine(_either(tantivy.Query.boost_query(exact, 2.0), loose), filters)
        fuzzy_result = _run(searcher, fuzzy_q, params, offset, weighted=True)
        if fuzzy_result.count > result.count:
            q, result, fuzzy = fuzzy_q, fuzzy_result, True
            counted = _combine(_either(matching, loose), filters)
    last_page = min(MAX_PAGE, max(1, -(-result.count // params.per_page)))
    if page > last_page:  # past the end: show the last page, as the category page always did
        page, offset = last_page, (last_page - 1) * params.per_page
        result = _run(searcher, q, params, offset, weighted=exact is not None or fuzzy)
    addresses = [address for _, address in result.hits]
    ids = searcher.fast_field_values(schema.ID, addresses) if addresses else []
    facets = _facets(searcher, counted, params) if params.facets else NO_FACETS
    suggestion = None
    if text and (fuzzy or result.count == 0):
        suggestion = did_you_mean(searcher, text)
    return SearchResult(ids, result.count, page, params.per_page, facets, fuzzy, suggestion)


# --- suggestions ------------------------------------------------------------------------------

SUGGEST_SCAN = 400  # most frequent vocabulary words looked at per misspelt word
AUTOCOMPLETE_LIMIT = 8


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance, giving up (returning cap + 1) once it exceeds `cap`."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def did_you_mean(searcher: tantivy.Searcher, text: str) -> str | None:
    """The query with each unknown word replaced by the most frequent close title word."""
    words = analysis.words(text)[: query.MAX_TERMS]
    changed = False
    out = []
    for word in words:
        replacement = word
        if searcher.doc_freq(schema.WORDS, word) == 0 and query.fuzzy_distance(word):
            cap = query.fuzzy_distance(word)
            candidates = searcher.terms_with_prefix(schema.WORDS, word[0], limit=SUGGEST_SCAN)
            best = min(
                (
                    (_edit_distance(word, term, cap), -count, term)
                    for term, count in candidates
                    if abs(len(term) - len(word)) <= cap  # farther apart than `cap` anyway
                ),
                default=None,
            )
            if best is not None and best[0] <= cap:
                replacement, changed = best[2], True
        out.append(replacement)
    return " ".join(out) if changed else None


def autocomplete(text: str, language: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[str]:
    """Completions of the last word, among listings matching the words before it."""
    text = query.normalise(text)
    words = analysis.words(text)
    if not words:
        return []
    *before, last = words[: query.MAX_TERMS]
    searcher = index.searcher()
    context = query.text_query(" ".join(before), language) if before else None
    found = searcher.terms_with_prefix(schema.WORDS, last, filter_query=context, limit=limit + 1)
    prefix = " ".join(before)
    return [f"{prefix} {term}".strip() for term, count in found if count and term != last][:limit]
