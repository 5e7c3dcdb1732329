"""The buyer's display preferences: currency and ship-to country.

Order of precedence: the cookie (what the visitor last chose), then the signed-in user's profile,
then the site default. Choosing while signed in updates the profile too, and log-in copies the
profile into the cookies (accounts.adapter), so the two agree.
"""

from django.conf import settings
from django_countries import countries

from tradepost.money.currencies import DISPLAY_CURRENCIES

CURRENCY_COOKIE = "tp_currency"
SHIP_TO_COOKIE = "tp_ship_to"
COOKIE_AGE = 365 * 24 * 3600


def _user_value(request, attribute: str) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(getattr(user, attribute) or "")
    return ""


def current_currency(request) -> str:
    for candidate in (
        request.COOKIES.get(CURRENCY_COOKIE, ""),
        _user_value(request, "display_currency"),
    ):
        if candidate in DISPLAY_CURRENCIES:
            return candidate
    return settings.DEFAULT_DISPLAY_CURRENCY


def current_ship_to(request) -> str:
    for candidate in (
        request.COOKIES.get(SHIP_TO_COOKIE, ""),
        _user_value(request, "ship_to_country"),
    ):
        if candidate and candidate in countries:
            return candidate
    return settings.DEFAULT_SHIP_TO_COUNTRY


def remember(response, *, currency: str | None = None, ship_to: str | None = None) -> None:
    for name, value in ((CURRENCY_COOKIE, currency), (SHIP_TO_COOKIE, ship_to)):
        if value:
            response.set_cookie(name, value, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
