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
