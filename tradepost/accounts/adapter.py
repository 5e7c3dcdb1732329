"""allauth hooks: after log-in, the visitor's language, currency and ship-to follow their profile."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from tradepost.web import preferences


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language:
            if response.has_header("Location"):
                response["Location"] = translate_url(response["Location"], user.preferred_language)
            translation.activate(user.preferred_language)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        preferences.remember(
            response,
            currency=user.display_currency or None,
            ship_to=str(user.ship_to_country or "") or None,
        )
        return response
