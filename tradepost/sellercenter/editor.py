"""What the product editor and the listing table show: forms filled from a listing, rows, URLs."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from tradepost.catalog.options import option_label
from tradepost.catalog.selectors import category_tree, image_view
from tradepost.catalog.states import ProductStatus
from tradepost.catalog.translation import resolve
from tradepost.money.money import Money
from tradepost.sellercenter import product_forms as forms
from tradepost.shipping.template_selectors import template_choices_for_store


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def section_url(product, section: str, **query) -> str:
    url = reverse("sellercenter:product_edit", kwargs={"public_id": product.public_id})
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return f"{url}#{section}"


def amount(minor: int, currency: str) -> Decimal:
    return Money(minor, currency).amount


@dataclass
class ListingRow:
    product: object
    title: str
    category: str
    price: Money | None
    thumbnail: object


def listing_rows(products, store, language: str) -> list[ListingRow]:
    tree = category_tree(language)
    rows = []
    for product in products:
        texts = {t.language: t.title for t in product.translations.all()}
        node = tree.by_id.get(product.category_id)
        images = list(product.images.all())
        price = product.min_price_minor
        rows.append(
            ListingRow(
                product=product,
                title=resolve(texts, language, product.original_language, default="—"),
                category=node.name if node else "—",
                price=Money(price, store.settlement_currency) if price else None,
                thumbnail=image_view(images[0], prefer_width=160) if images else None,
            )
        )
    return rows


def _details_initial(product, shipping_templates) -> dict:
    initial = {
        name: getattr(product, name)
        for name in ("brand", "hs_code", "weight_g", "length_mm", "width_mm", "height_mm",
                     "min_order_quantity", "lot_size")
    }  # fmt: skip
    initial["category"] = str(product.category_id)
    initial["origin_country"] = str(product.origin_country or "")
    initial["attributes"] = "\n".join(f"{k}: {v}" for k, v in (product.attributes or {}).items())
    initial["shipping_template"] = next(
        (t.public_id for t in shipping_templates if t.pk == product.shipping_template_id), ""
    )
    return initial


def _details_form(store, product):
    templates = template_choices_for_store(store=store)
    return forms.ProductDetailsForm(
        initial=_details_initial(product, templates), shipping_templates=templates
    )


def _variant_forms(product, currency: str, data=None) -> list:
    forms_ = []
    for variant in product.variants.all():
        initial = {"sku": variant.sku, "price": amount(variant.price_minor, currency),
                   "stock": variant.stock, "is_active": variant.is_active}  # fmt: skip
        form = forms.VariantForm(data, prefix=variant.public_id, initial=initial, currency=currency)
        forms_.append((variant, form))
    return forms_


def _tier_forms(product, currency: str, bound=None) -> list:
    result = []
    for variant in product.variants.all():
        if not variant.is_active:
            continue
        if bound is not None and bound[0] == variant.public_id:
            result.append((variant, bound[1]))
            continue
        initial = {}
        for index, tier in enumerate(variant.tiers.all(), start=1):
            initial[f"quantity_{index}"] = tier.min_quantity
            initial[f"price_{index}"] = amount(tier.unit_price_minor, currency)
        form = forms.TiersForm(initial=initial, currency=currency, prefix=f"t-{variant.public_id}")
        result.append((variant, form))
    return result


def _languages(product) -> list[tuple[str, str, bool]]:
    have = {t.language for t in product.translations.all()}
    return [(code, name, code in have) for code, name in settings.LANGUAGES]


def _text_form(product, language: str):
    text = next((t for t in product.translations.all() if t.language == language), None)
    initial = {"title": text.title, "description": text.description} if text else {}
    return forms.TextForm(initial=initial)


def label_variants(product) -> list:
    """The product's (prefetched) variants, each with `.label` such as "M / Blue": the values in
    the order the seller gave the listing's options (catalog.options)."""
    variants = list(product.variants.all())
    for variant in variants:
        variant.label = option_label(variant.options, product.option_names) or variant.sku
    return variants


def image_context(product, form=None) -> dict:
    variants = label_variants(product)
    labels = {v.pk: v.label for v in variants}
    return {
        "product": product,
        "images": [
            (image, image_view(image, prefer_width=160), labels.get(image.variant_id))
            for image in product.images.all()
        ],
        "image_form": form or forms.ImageForm(variants=variants),
    }


def render_editor(request, store, product, *, language: str | None = None, status=200, **bound):
    """The whole editor; `bound` holds the one submitted form that has errors, if any."""
    currency = store.settlement_currency
    language = language or request.GET.get("lang") or product.original_language
    if language not in language_codes():
        language = product.original_language
    context = {
        "store": store, "product": product, "currency": currency,
        "seller": store.seller, "restricted": product.category.restricted,
        "editable": product.status != ProductStatus.REMOVED,
        "details_form": bound.get("details_form") or _details_form(store, product),
        "languages": _languages(product), "language": language,
        "text_form": bound.get("text_form") or _text_form(product, language),
        "options_form": bound.get("options_form") or forms.OptionsForm(),
        "variant_forms": bound.get("variant_forms") or _variant_forms(product, currency),
        "variants_error": bound.get("variants_error"),
        "tier_forms": _tier_forms(product, currency, bound.get("tiers")),
        "certificate_form": bound.get("certificate_form") or forms.CertificateForm(),
        "current_language": get_language(),
        **image_context(product, bound.get("image_form")),
    }  # fmt: skip
    return render(request, "sellercenter/product_edit.html", context, status=status)
