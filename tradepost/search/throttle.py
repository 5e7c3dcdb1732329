"""Per-IP budgets for search (DESIGN.md §4: rate limits on search): over budget is a 429."""

from django.conf import settings

from tradepost import ratelimit


def charge(request, *, suggestions: bool = False) -> None:
    """Count one search (or one suggestion list) for the caller's address; RateLimited when
    over budget. Counted before any cached page is served: scraping from cache costs too."""
    limit, period = settings.RATE_LIMIT_SUGGEST if suggestions else settings.RATE_LIMIT_SEARCH
    scope = "search.suggest" if suggestions else "search.results"
    address = request.META.get("REMOTE_ADDR") or "unknown"
    ratelimit.take(scope, address, limit=limit, period=period)
