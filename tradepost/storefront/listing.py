"""Listing pages — search results, category and store pages — served by the search engine.

The filter form is read from the query string; the engine returns one page of listing ids with
facet counts; cards come from the database. Prices the buyer types, and the price buckets
shown, are in the display currency; the index compares them in its own currency
(search.schema.PRICE_CURRENCY) after conversion at the current rate.
"""

import dataclasses
import functools
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from tradepost.catalog import selectors as catalog
from tradepost.money.money import Money, format_money
from tradepost.search import prices
from tradepost.search import selectors as search
from tradepost.storefront.forms import ListingFilterForm
from tradepost.storefront.prices import rates_for


@dataclasses.dataclass(frozen=True)
class FacetLink:
    label: str
    count: int | None
    url: str
    active: bool = False


@dataclasses.dataclass(frozen=True)
class ResultPage:
    """What storefront/_pagination.html reads from a Django Page."""

    number: int
    num_pages: int
    count: int

    @property
    def paginator(self):
        return self

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@dataclasses.dataclass
class Listing:
    cards: list
    page: ResultPage
    text: str = ""
    categories: list[FacetLink] = dataclasses.field(default_factory=list)
    brands: list[FacetLink] = dataclasses.field(default_factory=list)
    prices: list[FacetLink] = dataclasses.field(default_factory=list)
    chips: list[FacetLink] = dataclasses.field(default_factory=list)
    suggestion: FacetLink | None = None
    fuzzy: bool = False


def _url(request, **changes) -> str:
    """The current query string with `changes` applied (None removes) and the page reset."""
    base = getattr(request, "_listing_params", None)
    if base is None:  # a page has a dozen links: read the query string once (last value wins)
        base = request._listing_params = {k: v for k, v in request.GET.items() if k != "page"}
    params = {**base, **changes}
    params = sorted((key, value) for key, value in params.items() if value is not None)
    return "?" + urlencode(params) if params else "?"


def _price_links(request, buckets, edges: list[Money], language: str) -> list[FacetLink]:
    links = []
    if len(buckets) != len(edges) + 1:  # no facets (nothing matched, or no rate)
        return links
    for bucket, (start, end) in zip(
        buckets, zip([None, *edges], [*edges, None], strict=True), strict=True
    ):
        if not bucket.count:
            continue
        if start is None:
            label = _("Under %(price)s") % {"price": format_money(end, language)}
        elif end is None:
            label = _("%(price)s and more") % {"price": format_money(start, language)}
        else:
            label = f"{format_money(start, language)} – {format_money(end, language)}"
        low = str(start.amount) if start else None
        high = str(Money(end.minor - 1, end.currency).amount) if end else None
        links.append(FacetLink(label, bucket.count, _url(request, min_price=low, max_price=high)))
    return links


def _category_links(request, facets, tree, current, param: bool) -> list[FacetLink]:
    nodes = current.children if current is not None else tree.roots
    links = []
    for node in nodes:
        count = facets.category.get(node.id)
        if not count:
            continue
        url = (
            _url(request, category=node.slug)
            if param
            else reverse("storefront:category", args=[node.slug])
        )
        links.append(FacetLink(node.name, count, url))
    return links


@functools.lru_cache(maxsize=256)
def _country_choices(language: str | None, codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(code, name in the active language) for the ship-from filter, named once per language."""
    return tuple((code, country_names.name(code)) for code in codes)


def build_listing(  # noqa: PLR0913 - the three listing pages share it
    request, *, language: str, category=None, store=None, text: str = "", category_param=False
) -> tuple[ListingFilterForm, Listing]:
    book = rates_for(request)
    countries = _country_choices(get_language(), catalog.ship_from_countries())
    stores = catalog.stores_in_category(category, language) if store is None else ()
    form = ListingFilterForm(
        request.GET or None,
        countries=countries,
        stores=stores,
        with_store=store is None,
        with_relevance=bool(text),
    )
    store_slug = form.value("store") if store is None else None
    chosen_store = catalog.get_public_store(store_slug) if store_slug else store
    bounds = [form.price_bound(name, book.display_currency) for name in ("min_price", "max_price")]
    terms = prices.price_terms(book.display_currency, *bounds)
    edges = terms.shown_edges
    params = search.SearchParams(
        text=text,
        language=language,
        category_id=category.id if category is not None else None,
        store_id=chosen_store.id if chosen_store is not None else None,
        country=form.value("ship_from"),
        brand=form.value("brand"),
        min_price=terms.low,
        max_price=terms.high,
        sort=form.value("sort") or ("relevance" if text else "newest"),
        page=_page_number(request),
        per_page=catalog.PER_PAGE,
        price_edges=terms.index_edges,
        store_facet=False,  # the store filter lists every store of the category, uncounted
    )
    result = search.search(params)
    cards = catalog.cards_for_ids(result.ids, language)
    book.load(card.price.currency for card in cards)
    tree = catalog.category_tree(language)
    listing = Listing(
        cards=cards,
        page=ResultPage(result.page, result.pages, result.total),
        text=text,
        categories=_category_links(request, result.facets, tree, category, category_param),
        brands=[
            FacetLink(name, count, _url(request, brand=name), active=name == params.brand)
            for name, count in sorted(result.facets.brand.items(), key=lambda kv: -kv[1])
        ],
        prices=_price_links(request, result.facets.price, edges, language)
        if params.price_edges
        else [],
        chips=_chips(request, form, chosen_store if store is None else None, category_param),
        fuzzy=result.fuzzy,
    )
    if result.suggestion:
        listing.suggestion = FacetLink(result.suggestion, None, _url(request, q=result.suggestion))
    _label_counts(form, result.facets)
    return form, listing


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        return 1


def _chips(request, form, store, category_param) -> list[FacetLink]:
    """The filters in force, each with a link that removes it."""
    chips = []
    if country := form.value("ship_from"):
        label = _("Ships from %(country)s") % {"country": country_names.name(country)}
        chips.append(FacetLink(label, None, _url(request, ship_from=None)))
    if brand := form.value("brand"):
        chips.append(FacetLink(brand, None, _url(request, brand=None)))
    if store is not None:
        chips.append(FacetLink(store.name, None, _url(request, store=None)))
    if form.value("min_price") is not None or form.value("max_price") is not None:
        chips.append(
            FacetLink(_("Price range"), None, _url(request, min_price=None, max_price=None))
        )
    if category_param and request.GET.get("category"):
        chips.append(FacetLink(_("Category"), None, _url(request, category=None)))
    return chips


def _label_counts(form, facets) -> None:
    """Show each ship-from country's count in the filter's options."""
    counts = facets.country
    form.country_choices = tuple(
        (code, f"{label} ({counts[code]})" if counts.get(code) else label)
        for code, label in form.country_choices
    )
