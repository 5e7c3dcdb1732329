"""Security headers that Django's own middleware does not set."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and marks every cookie Secure on HTTPS requests.

    Django's cookie settings are global; the embedded demo is served over plain http, so the Secure
    flag is decided per request: an HTTPS deployment gets Secure cookies without extra settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response


class DomainErrorPagesMiddleware:
    """A domain error that escapes a page view becomes its status page, never a 500.

    NotFound (including another tenant's object) renders the 404 page; any other DomainError
    renders the error page with its own status and message (a RateLimited one with Retry-After).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from tradepost.errors import DomainError, RateLimited

        if not isinstance(exception, DomainError):
            return None
        if exception.http_status == 404:
            return render(request, "404.html", status=404)
        context = {"status": exception.http_status, "message": exception.message}
        response = render(request, "error.html", context, status=exception.http_status)
        if isinstance(exception, RateLimited):
            response["Retry-After"] = str(exception.retry_after)
        return response
