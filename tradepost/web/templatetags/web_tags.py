"""Template helpers of the site shell."""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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
