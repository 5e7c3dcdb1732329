from functools import lru_cache

from django.utils.translation import get_language, get_language_info, to_locale
from django_countries import countries

from tradepost.money import currencies
from tradepost.web import preferences as prefs


def babel_locale(language: str | None = None) -> str:
    return to_locale(language or get_language() or "en")


@lru_cache(maxsize=64)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    # django-countries translates and sorts names in the active language.
    return tuple((country.code, str(country.name)) for country in countries)


@lru_cache(maxsize=1)
def _language_choices() -> tuple[tuple[str, str], ...]:
    from django.conf import settings

    return tuple(
        (code, get_language_info(code)["name_local"].capitalize()) for code, _ in settings.LANGUAGES
    )


def preferences(request):
    language = get_language() or "en"
    locale = babel_locale(language)
    currency = prefs.current_currency(request)
    return {
        "display_currency": currency,
        "display_currency_symbol": currencies.symbol(currency, locale),
        "ship_to": prefs.current_ship_to(request),
        "currency_choices": currencies.display_currency_choices(locale),
        "country_choices": _country_choices(language),
        "language_choices": _language_choices(),
        "next_path": request.get_full_path(),  # where a preference form returns to
    }
