"""`{% load storefront_tags %}`: prices in the display currency and JSON-LD data blocks."""

import json

from django import template
from django.core.cache import caches
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tradepost.money.money import Money, format_money
from tradepost.storefront.prices import rates_for

register = template.Library()

# The characters that could end a <script> data block or open a comment inside it.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def price(context, money: Money) -> SafeString:
    """The amount in the buyer's currency; the seller's own price in the title (hover, focus)."""
    shown = rates_for(context["request"]).price(money)
    if not shown.converted:
        return format_html('<span class="price">{}</span>', format_money(money))
    return format_html(
        '<span class="price" title="{}">{}</span>',
        _("Seller's price: %(price)s") % {"price": format_money(shown.original)},
        format_money(shown.shown),
    )


@register.simple_tag(takes_context=True)
def display_price(context, money: Money):
    """The `DisplayPrice` (shown, original, converted) for templates that lay it out themselves."""
    return rates_for(context["request"]).price(money)


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` data block, safe against `</script>` in data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def product_cards(context, cards) -> SafeString:
    """The cards' list items. Each card's HTML depends only on the card, the language and its
    price in the display currency, so it is rendered once and kept in this process's card
    cache: a listing page renders only the cards it has not shown before."""
    book = rates_for(context["request"])
    language = get_language() or "en"
    currency = book.display_currency
    keys = [
        f"html:{card.fingerprint}|{language}|{currency}|{book.rate(card.price.currency)}"
        for card in cards
    ]
    found = caches["cards"].get_many(keys)
    missing = {}
    card_template = context.template.engine.get_template("storefront/_product_card.html")
    for key, card in zip(keys, cards, strict=True):
        if key not in found:
            with context.push(card=card):
                missing[key] = found[key] = card_template.render(context)
    if missing:
        caches["cards"].set_many(missing)
    return mark_safe("".join(found[key] for key in keys))  # noqa: S308 - rendered templates


@register.simple_tag
def amount(minor: int, currency: str) -> str:
    """`{% amount order.total_minor order.currency %}`: stored minor units, formatted."""
    return format_money(Money(int(minor), currency))


@register.simple_tag
def facet_items(links) -> SafeString:
    """A facet's `<li>` links with their counts (a loop in the template cost more than the
    search behind it on a listing page with forty links)."""
    return format_html_join(
        "",
        '<li><a href="{}"{}>{}</a> <span class="muted">({})</span></li>',
        (
            (
                link.url,
                mark_safe(' aria-current="true"') if link.active else "",
                link.label,
                link.count,
            )  # noqa: S308
            for link in links
        ),
    )
