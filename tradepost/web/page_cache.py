"""Whole-page cache for the public storefront pages.

A public page is the same for every anonymous visitor who reads it in the same language,
currency and ship-to country, except for two per-request values: the CSRF token of its forms and
the path the preference forms return to. A page is rendered once with a slot string in place of
each, kept in the `pages` cache, and every later request gets a copy with its own values filled
in — a cache lookup and two string replacements instead of a render.

Freshness is the caller's: `identity` must change whenever what the page shows may have changed
(the catalog version, a product's updated_at). Entries also expire after PAGE_CACHE_SECONDS, the
age an exchange rate may have on a page (storefront.prices caches rates as long).
"""

import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.translation import get_language

from tradepost.web.preferences import current_currency, current_ship_to

PAGE_CACHE_SECONDS = 300


def _slot(name: str) -> str:
    # Derived from the secret key, so page content cannot plant a slot string to be filled.
    digest = hmac.new(settings.SECRET_KEY.encode(), name.encode(), hashlib.sha256).hexdigest()
    return f"slot{digest[:24]}"


CSRF_SLOT = _slot("csrf")
NEXT_SLOT = _slot("next")
QUERY_SLOT = _slot("query")  # the header's search box text, in a cached header (web_tags.shell)
SLOTS = {"csrf_token": CSRF_SLOT, "next_path": NEXT_SLOT}


def _viewer(request) -> str:
    user = request.user
    if not user.is_authenticated:
        return "guest"
    return "staff" if user.is_staff else "member"  # the header differs, nothing else


def _cacheable(request) -> bool:
    if request.method != "GET" or getattr(request, "htmx", False):
        return False
    return len(messages.get_messages(request)) == 0  # a flash message belongs to one visitor


def variant(request) -> tuple[str, ...]:
    """What the shell of a public page depends on besides its slots."""
    return (
        get_language() or "",
        current_currency(request),
        current_ship_to(request),
        _viewer(request),
    )


def _key(request, identity: str) -> str:
    parts = "\n".join(
        (
            identity,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            *variant(request),
        )
    )
    return "page:" + hashlib.blake2b(parts.encode(), digest_size=20).hexdigest()


def _fill(html: str, request) -> str:
    return html.replace(CSRF_SLOT, get_token(request)).replace(
        NEXT_SLOT, escape(request.get_full_path())
    )


def cached_page(request, identity: str, render: Callable[[dict], HttpResponse]) -> HttpResponse:
    """The page from the cache, or `render(extra_context)` kept for the next visitor.

    `render` must pass `extra_context` into the template context; only a 200 is kept.
    """
    if not _cacheable(request):
        return render({})
    store = caches["pages"]
    key = _key(request, identity)
    html = store.get(key)
    if html is not None:
        return HttpResponse(_fill(html, request))
    response = render(SLOTS)
    if response.status_code == 200 and not response.streaming:
        html = response.content.decode(response.charset)
        store.set(key, html, PAGE_CACHE_SECONDS)
        response.content = _fill(html, request)
    return response
