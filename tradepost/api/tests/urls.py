"""A throwaway API beside the real one, with endpoints that crash, for error-handling tests."""

from django.urls import path

from tradepost.api import handlers
from tradepost.api.api import api as real_api
from tradepost.api.auth import session_auth, token_auth
from tradepost.api.base import TradepostAPI
from tradepost.api.idempotency import idempotent

SECRET_DETAIL = "password authentication failed for user tradepost at 10.0.0.5"

crash_api = TradepostAPI(urls_namespace="crash-api", auth=[token_auth, session_auth], docs_url=None)
handlers.install(crash_api)

# Every attempt of /flaky; the first one crashes. Tests reset it.
flaky_attempts: list[bytes] = []


@crash_api.post("/boom")
def boom(request):
    raise RuntimeError(SECRET_DETAIL)


@crash_api.post("/flaky")
@idempotent
def flaky(request):
    flaky_attempts.append(request.body)
    if len(flaky_attempts) == 1:
        raise RuntimeError(SECRET_DETAIL)
    return {"attempt": len(flaky_attempts)}


urlpatterns = [
    path("api/v1/", real_api.urls),
    path("crash-api/", crash_api.urls),
]
