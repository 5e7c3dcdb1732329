"""Site-wide views: health check, preference switchers, error pages."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django.views.static import serve as serve_file
from django_countries import countries

from tradepost.accounts import services as account_services
from tradepost.accounts.errors import InvalidPreference
from tradepost.errors import DomainError
from tradepost.web import preferences


@never_cache
def healthz(request):
    """Liveness plus a real round trip to the database; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_row(request, pk: int):
    """The benchmark's baseline (BENCH_ENDPOINTS only): one row by primary key as a tiny JSON."""
    from tradepost.catalog.models import Category

    row = Category.objects.filter(pk=pk).values("id", "slug").first()
    if row is None:
        return JsonResponse({"error": "not_found"}, status=404)
    return JsonResponse(row)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


def save_preference(request, **choice) -> None:
    if request.user.is_authenticated:
        try:
            account_services.update_preferences(user=request.user, **choice)
        except DomainError:
            pass  # an unknown value is ignored, as the cookie is


@require_POST
def set_language(request):
    """Django's switcher (redirects to the same page in the new language), plus the profile."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return _bad_choice(request)
    response = django_set_language(request)
    save_preference(request, preferred_language=language)
    return response


def _bad_choice(request):
    context = {"status": 400, "message": InvalidPreference.default_message}
    return render(request, "error.html", context, status=400)


@require_POST
def set_currency(request):
    currency = request.POST.get("currency", "")
    if currency not in preferences.DISPLAY_CURRENCIES:
        return _bad_choice(request)
    response = HttpResponseRedirect(_next_url(request))
    preferences.remember(response, currency=currency)
    save_preference(request, display_currency=currency)
    return response


@require_POST
def set_ship_to(request):
    country = request.POST.get("country", "").upper()
    if country not in countries:
        return _bad_choice(request)
    response = HttpResponseRedirect(_next_url(request))
    preferences.remember(response, ship_to=country)
    save_preference(request, ship_to_country=country)
    return response


def serve_media(request, path: str):
    """Uploaded media for the embedded server (SERVE_MEDIA); Django's static serve refuses `..`."""
    return serve_file(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def too_many_requests(request, exception=None):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(settings.RATE_LIMIT_RETRY_AFTER_SECONDS)
    return response
