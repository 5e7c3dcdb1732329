"""robots.txt, sitemap index and sitemap sections (products, categories, stores per language)."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from tradepost.catalog import selectors

PRODUCTS_PER_SITEMAP = 2000
SITEMAP_CACHE = "public, max-age=3600"


def hreflang(language: str) -> str:
    """Django's "zh-hans" as BCP 47 "zh-Hans"."""
    base, _, script = language.partition("-")
    return f"{base}-{script.title()}" if len(script) == 4 else language


def localized_url(request, language: str, name: str, *args) -> str:
    with translation.override(language):
        return request.build_absolute_uri(reverse(name, args=args))


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    for private in ("account/", "accounts/", "cart/", "console/", "seller/", "search/", "pv/"):
        lines.append(f"Disallow: /*/{private}")
    lines += ["Disallow: /admin/", "Disallow: /api/", "Disallow: /prefs/", "Disallow: /i18n/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _products_page(number: int):
    products = selectors.public_products_for_sitemap()
    return Paginator(products, PRODUCTS_PER_SITEMAP, allow_empty_first_page=True).page(number)


@require_GET
def sitemap_index(request):
    pages = _products_page(1).paginator.num_pages
    sections = [("categories", 1), ("stores", 1)] + [("products", n) for n in range(1, pages + 1)]
    locations = [
        request.build_absolute_uri(reverse("sitemap_section", args=(s, n))) for s, n in sections
    ]
    response = render(
        request,
        "storefront/sitemap_index.xml",
        {"locations": locations},
        content_type="application/xml; charset=utf-8",
    )
    response["Cache-Control"] = SITEMAP_CACHE
    return response


def _entries(request, name: str, key, languages) -> list[dict]:
    """One <url> per language, each listing every language as an alternate."""
    alternates = [
        (hreflang(lang), localized_url(request, lang, name, *key(lang))) for lang in languages
    ]
    default = localized_url(request, languages[0], name, *key(languages[0]))
    return [{"loc": href, "alternates": alternates, "default": default} for _, href in alternates]


@require_GET
def sitemap_section(request, section: str, number: int):
    all_languages = [code for code, _ in settings.LANGUAGES]
    entries: list[dict] = []
    if section == "categories" and number == 1:
        for node in selectors.category_tree("en").by_id.values():
            entries += _entries(
                request, "storefront:category", lambda _l, n=node: (n.slug,), all_languages
            )
    elif section == "stores" and number == 1:
        for slug in selectors.public_store_slugs():
            entries += _entries(request, "storefront:store", lambda _l, s=slug: (s,), all_languages)
    elif section == "products":
        try:
            page = _products_page(number)
        except EmptyPage as exc:
            raise Http404 from exc
        for public_id, slugs in selectors.product_slugs(list(page.object_list)).items():
            languages = list(slugs)
            entries += _entries(
                request,
                "storefront:product",
                lambda lang, p=public_id, s=slugs: (p, s[lang]),
                languages,
            )
    else:
        raise Http404
    response = render(
        request,
        "storefront/sitemap.xml",
        {"entries": entries},
        content_type="application/xml; charset=utf-8",
    )
    response["Cache-Control"] = SITEMAP_CACHE
    return response
