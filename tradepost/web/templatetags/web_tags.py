"""Template helpers of the site shell."""

from functools import lru_cache

from django import template
from django.core.cache import caches
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

register = template.Library()


@lru_cache(maxsize=2048)
def _options_html(choices: tuple[tuple[str, str], ...], selected: str, with_lang: bool) -> str:
    # The header's selects hold ~300 options; building them once per (list, choice) instead of
    # looping in the template on every page keeps the shell cheap to render.
    lang = ' lang="{}"' if with_lang else "{}"
    return format_html_join(
        "",
        '<option value="{}"' + lang + "{}>{}</option>",
        (
            (code, code if with_lang else "", " selected" if code == selected else "", label)
            for code, label in choices
        ),
    )


@register.simple_tag
def select_options(choices, selected, with_lang=False) -> SafeString:
    """`<option>` elements for `choices` ((value, label) pairs), marking `selected`."""
    return format_html("{}", _options_html(tuple(choices), str(selected), bool(with_lang)))


@register.filter
def country_name(code) -> str:
    """ "ES" → "Spain" in the active language (snapshots such as an order's address keep codes)."""
    return str(countries.name(str(code or ""))) or str(code or "")


@register.simple_tag(takes_context=True)
def shell(context, template_name: str) -> SafeString:
    """The site header (with the ship-to country's delivery notice) or footer. While a page is
    rendered for the page cache (its CSRF token and return path are slots), the fragment is the
    same for every visitor of a language, currency, ship-to country and kind of viewer but for
    the search box's text: it is rendered once per process and catalog `shared` version (which
    country policy changes move) with a slot there, then copied. Other renders include it as
    usual."""
    from tradepost.catalog import versions
    from tradepost.web import page_cache  # imports the preferences, which import forms

    request = context.get("request")
    fragment = context.template.engine.get_template(template_name)
    if request is None or context.get("csrf_token") != page_cache.CSRF_SLOT:
        return fragment.render(context)
    shared = str(versions.current().shared)  # read already: the cached page is keyed by it
    key = "shell:" + "|".join((template_name, *page_cache.variant(request), shared))
    store = caches["objects"]
    html = store.get(key)
    if html is None:
        with context.push(query=page_cache.QUERY_SLOT):
            html = fragment.render(context)
        store.set(key, html, page_cache.PAGE_CACHE_SECONDS)
    query = context.get("query")
    return mark_safe(html.replace(page_cache.QUERY_SLOT, escape(query) if query else ""))  # noqa: S308
