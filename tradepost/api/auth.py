"""How API callers prove who they are: a personal token (Bearer) or the browser's session cookie.

`request.auth` is the User either way. Token requests also carry `request.api_token`, whose scopes
limit what the request may do; session requests act with the user's full rights.
"""

from django.conf import settings
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from tradepost import clock
from tradepost.accounts import services as account_services
from tradepost.accounts.scopes import API_SCOPES, has_scope
from tradepost.api.errors import CsrfFailed, InsufficientScope

# Default for requests no auth class has seen, so require_scope can tell them from sessions.
_NOT_AUTHENTICATED = object()


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = account_services.authenticate_api_token(plain=token, now=clock.now())
        if api_token is None:
            return None  # unknown, malformed or revoked: 401 unless the session authenticates
        request.api_token = api_token
        return api_token.user


class SessionAuth(APIKeyCookie):
    """Django's session cookie. As an APIKeyCookie, Ninja CSRF-checks every unsafe method."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        # Without a logged-in session the cookie cannot authenticate, so there is nothing to
        # forge: answer 401 (not a CSRF 403) to callers who sent no credentials at all.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request):
        try:
            return super()._get_key(request)
        except HttpError as exc:  # Ninja's CSRF failure; give it our stable code
            raise CsrfFailed() from exc

    def authenticate(self, request, key):
        request.api_token = None  # a session is not limited by token scopes
        return request.user


token_auth = TokenAuth()
session_auth = SessionAuth()


def require_scope(request, scope: str) -> None:
    """Deny unless the request's token grants `scope`; a logged-in session has every scope."""
    token = getattr(request, "api_token", _NOT_AUTHENTICATED)
    if token is None:
        allowed = scope in API_SCOPES  # an unknown scope name is a bug: deny it for sessions too
    elif token is _NOT_AUTHENTICATED:
        allowed = False
    else:
        allowed = has_scope(token.scopes, scope)
    if not allowed:
        raise InsufficientScope()
