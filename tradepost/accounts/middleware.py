"""Staff must have TOTP two-factor authentication before they can use anything but setting it up."""

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse

# Paths (after the language prefix) a staff member without TOTP may still reach.
_ALLOWED_SUFFIXES = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            if not self._allowed(request.path) and not self._has_totp(user):
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        if path.startswith(("/static/", "/healthz", "/i18n/", "/prefs/")):
            return True
        return any(suffix in path for suffix in _ALLOWED_SUFFIXES)

    @staticmethod
    def _has_totp(user) -> bool:
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
