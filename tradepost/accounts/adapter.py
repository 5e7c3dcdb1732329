"""allauth hooks: after log-in, the visitor's language, currency and ship-to follow their profile."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import translate_url
from django.utils import translation

from tradepost.accounts import roles
from tradepost.web import preferences


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Everyone who signs up is a buyer; the profile starts from what the visitor chose."""
        user = super().save_user(request, user, form, commit=False)
        user.preferred_language = translation.get_language() or ""
        user.display_currency = preferences.current_currency(request)
        user.ship_to_country = preferences.current_ship_to(request)
        if commit:
            user.save()
            user.groups.add(Group.objects.get(name=roles.BUYER))
        return user

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
