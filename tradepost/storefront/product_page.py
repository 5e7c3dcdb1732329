"""The product page's context: canonical and hreflang URLs, gallery, variant panel, JSON-LD."""

from django.utils.translation import get_language

from tradepost import clock
from tradepost.catalog.options import names_in_use, ordered_options
from tradepost.catalog.selectors import ProductDetail, image_view
from tradepost.money.money import Money
from tradepost.promotions import selectors as promotions
from tradepost.storefront.prices import rates_for
from tradepost.storefront.seo import hreflang, localized_url

SCHEMA = "https://schema.org/"


def _alternates(request, detail: ProductDetail) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for exactly the languages the product is written in."""
    public_id = detail.product.public_id
    return [
        (
            hreflang(t.language),
            localized_url(request, t.language, "storefront:product", public_id, t.slug),
        )
        for t in sorted(detail.translations, key=lambda t: t.language)
    ]


def _default_url(request, detail: ProductDetail) -> str:
    by_language = {t.language: t for t in detail.translations}
    language = detail.product.original_language
    if language not in by_language:
        language = detail.translation.language
    slug = by_language[language].slug
    return localized_url(request, language, "storefront:product", detail.product.public_id, slug)


def panel_context(request, detail: ProductDetail, variant) -> dict:
    """What `_variant_panel.html` needs: the variant, its options in order, prices, gallery."""
    rates = rates_for(request)
    currency = detail.store.settlement_currency
    rates.load([currency])
    tiers = [
        {"min_quantity": t.min_quantity, "price": Money(t.unit_price_minor, currency)}
        for t in (variant.tiers.all() if variant else [])
    ]
    gallery = [image_view(i, prefer_width=640) for i in detail.images_for(variant)]
    return {
        "detail": detail,
        "product": detail.product,
        "variant": variant,
        "variant_options": _options(detail, variant) if variant else [],
        "price": Money(variant.price_minor, currency) if variant else None,
        "tiers": tiers,
        "gallery": gallery,
        "oob": bool(request.htmx),
    }


def _offers(request, detail: ProductDetail, url: str) -> list[dict]:
    rates = rates_for(request)
    currency = detail.store.settlement_currency
    offers = []
    for variant in detail.variants:
        shown = rates.price(Money(variant.price_minor, currency)).shown
        in_stock = variant.stock >= detail.product.min_order_quantity
        offers.append(
            {
                "@type": "Offer",
                "sku": variant.sku,
                "name": ", ".join(f"{k}: {v}" for k, v in _options(detail, variant)) or None,
                "price": str(shown.amount),
                "priceCurrency": shown.currency,
                "availability": SCHEMA + ("InStock" if in_stock else "OutOfStock"),
                "url": f"{url}?variant={variant.public_id}",
                "seller": {"@type": "Organization", "name": detail.store.name},
            }
        )
    return offers


def json_ld(request, detail: ProductDetail, url: str, gallery) -> dict:
    translation = detail.translation
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": translation.title if translation else detail.product.public_id,
        "description": translation.description if translation else "",
        "url": url,
        "productID": detail.product.public_id,
        "image": [request.build_absolute_uri(image.src) for image in gallery],
        "offers": _offers(request, detail, url),
    }
    if detail.product.brand:
        data["brand"] = {"@type": "Brand", "name": detail.product.brand}
    if detail.translation:
        data["inLanguage"] = hreflang(detail.translation.language)
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def context(request, detail: ProductDetail, variant) -> dict:
    shown = detail.translation
    canonical = localized_url(
        request,
        shown.language if shown else get_language(),
        "storefront:product",
        detail.product.public_id,
        shown.slug if shown else "item",
    )
    panel = panel_context(request, detail, variant)
    return {
        **panel,
        "oob": False,
        "translation": shown,
        "canonical": canonical,
        "alternates": _alternates(request, detail),
        "x_default": _default_url(request, detail) if detail.translations else None,
        "json_ld": json_ld(request, detail, canonical, panel["gallery"]),
        "store": detail.store,
        "seller": detail.store.seller,
        "years_open": years_between(detail.store.opened_on, clock.now().date()),
        "option_names": names_in_use(
            detail.product.option_names, (v.options for v in detail.variants)
        ),
        "variant_choices": [(v, _options(detail, v)) for v in detail.variants],
        # A deal running or to come: the cached page loads the live box (storefront.deal_views).
        "deal_box": promotions.product_has_deal(detail.product.id, now=clock.now()),
    }


def years_between(start, end) -> int:
    """Whole years from `start` to `end` (a store opened 2019-03-01 is 7 on 2026-11-25)."""
    return max(0, end.year - start.year - ((end.month, end.day) < (start.month, start.day)))


def _options(detail: ProductDetail, variant) -> list[tuple[str, str]]:
    """The variant's (name, value) pairs in the order the seller gave the listing's options."""
    return ordered_options(variant.options, detail.product.option_names)
