"""Buyer-facing pages: thin views over catalog selectors; prices through the request's RateBook."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from tradepost import clock
from tradepost.catalog import selectors, versions
from tradepost.search import selectors as search
from tradepost.search import throttle
from tradepost.storefront import listing, product_page
from tradepost.storefront.prices import rates_for
from tradepost.web.page_cache import cached_page

MAX_QUERY_LENGTH = 200
HOME_LIST_SIZE = 12


def _language() -> str:
    return get_language() or "en"


def _load_rates(request, *groups) -> None:
    rates_for(request).load(card.price.currency for cards in groups for card in cards)


@require_GET
def home(request):
    return cached_page(request, f"home:{versions.current()}", lambda extra: _home(request, extra))


def _home(request, extra: dict):
    language = _language()
    new, popular = selectors.home_lists(HOME_LIST_SIZE, language)
    _load_rates(request, new, popular)
    context = {
        "categories": selectors.category_tree(language).roots,
        "new_products": new,
        "popular_products": popular,
        **extra,
    }
    return render(request, "storefront/home.html", context)


def _listing(request, *, category=None, store=None):
    return listing.build_listing(request, language=_language(), category=category, store=store)


@require_GET
def category(request, slug: str):
    identity = f"category:{versions.current()}"
    return cached_page(request, identity, lambda extra: _category(request, slug, extra))


def _category(request, slug: str, extra: dict):
    language = _language()
    node = selectors.get_public_category(slug, language)
    form, listing = _listing(request, category=node)
    tree = selectors.category_tree(language)
    context = {
        "category": node,
        "ancestors": tree.ancestors(node),
        "form": form,
        "listing": listing,
        "canonical": request.build_absolute_uri(request.path),
        **extra,
    }
    return render(request, "storefront/category.html", context)


@require_GET
def store(request, slug: str):
    identity = f"store:{versions.current()}"
    return cached_page(request, identity, lambda extra: _store(request, slug, extra))


def _store(request, slug: str, extra: dict):
    shop = selectors.get_public_store(slug)
    form, listing = _listing(request, store=shop)
    language = _language()
    descriptions = shop.translations.all()
    description = selectors.resolve_translation(descriptions, language, shop.original_language)
    context = {
        "store": shop,
        "description": description,
        "years_open": product_page.years_between(shop.opened_on, clock.now().date()),
        "form": form,
        "listing": listing,
        "canonical": request.build_absolute_uri(request.path),
        **extra,
    }
    return render(request, "storefront/store.html", context)


@require_GET
def product(request, public_id: str, slug: str | None = None):
    stamp = selectors.public_product_stamp(public_id)
    if stamp is None:
        raise Http404
    return cached_page(request, stamp, lambda extra: _product(request, public_id, slug, extra))


def _product(request, public_id: str, slug: str | None, extra: dict):
    detail = selectors.get_public_product(public_id, _language())
    canonical_slug = detail.translation.slug if detail.translation else "item"
    if slug != canonical_slug:
        return redirect(
            "storefront:product", public_id=public_id, slug=canonical_slug, permanent=True
        )
    variant = detail.variant(request.GET.get("variant")) or detail.variant(None)
    context = {**product_page.context(request, detail, variant), **extra}
    return render(request, "storefront/product.html", context)


@require_GET
def variant_panel(request, public_id: str):
    """htmx: the price, stock, tiers and gallery of one variant."""
    detail = selectors.get_public_product(public_id, _language())
    variant = detail.variant(request.GET.get("variant") or "")
    if variant is None:
        raise Http404
    context = product_page.panel_context(request, detail, variant)
    return render(request, "storefront/_variant_panel.html", context)


@require_GET
def search_results(request):
    throttle.charge(request)
    identity = f"search:{versions.current()}"
    return cached_page(request, identity, lambda extra: _search_results(request, extra))


def _search_results(request, extra: dict):
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    language = _language()
    category = None
    if slug := request.GET.get("category"):
        category = selectors.category_tree(language).by_slug.get(slug)
    form, found = listing.build_listing(
        request, language=language, category=category, text=text, category_param=True
    )
    context = {"query": text, "form": form, "listing": found, "category": category, **extra}
    return render(request, "storefront/search.html", context)


@require_GET
def suggest(request):
    """Autocomplete for the header search box (an htmx fragment: a list of options)."""
    throttle.charge(request, suggestions=True)
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    options = search.autocomplete(text, _language()) if len(text.strip()) >= 2 else []
    return render(request, "storefront/_suggestions.html", {"options": options})
