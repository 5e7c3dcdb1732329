"""One error shape for the whole API: `{"code", "message", "fields"}`, whatever went wrong.

Messages are ours, never exception text: unexpected errors are logged with a correlation id that
the client also receives, so support can find the log line without leaking internals.
"""

import logging
import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tradepost.api.errors import CsrfFailed
from tradepost.errors import DomainError, RateLimited

logger = logging.getLogger("tradepost.api")

# Body locations Ninja prefixes to a field's path; the client only knows its own field names.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}

_HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    429: "rate_limited",
}


def envelope(code: str, message, fields: dict[str, list[str]] | None = None) -> dict:
    return {"code": code, "message": str(message), "fields": fields or {}}


def install(api: NinjaAPI) -> None:
    def respond(request, status: int, body: dict):
        return api.create_response(request, body, status=status)

    @api.exception_handler(DomainError)
    def on_domain_error(request, exc: DomainError):
        fields = {name: [str(m) for m in messages] for name, messages in exc.fields.items()}
        body = envelope(exc.code, exc.message, fields)
        return with_retry_after(respond(request, exc.http_status, body), exc)

    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc: ValidationError):
        body = envelope("invalid_input", _("Some fields are not valid."), validation_fields(exc))
        return respond(request, 422, body)

    @api.exception_handler(AuthenticationError)
    def on_not_authenticated(request, exc: AuthenticationError):
        message = _("Authentication is required: send a valid API token or log in.")
        return respond(request, 401, envelope("not_authenticated", message))

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        if is_malformed_body(exc):
            message = _("The request body is not valid JSON.")
            return respond(request, 400, envelope("malformed_json", message))
        if is_csrf_failure(exc):  # a route using Ninja's own cookie auth, e.g. django_auth
            return on_domain_error(request, CsrfFailed())
        code = _HTTP_ERROR_CODES.get(exc.status_code, "http_error")
        return respond(request, exc.status_code, envelope(code, exc.message))

    @api.exception_handler(Http404)
    @api.exception_handler(ObjectDoesNotExist)
    def on_not_found(request, exc: Exception):
        return respond(request, 404, envelope("not_found", _("Not found.")))

    @api.exception_handler(Exception)
    def on_unexpected(request, exc: Exception):
        correlation_id = uuid.uuid4().hex
        logger.error(
            "Unhandled API error %s on %s %s",
            correlation_id,
            request.method,
            request.path,
            exc_info=exc,
        )
        message = _("Something went wrong on our side. Reference: %(id)s.") % {"id": correlation_id}
        response = respond(request, 500, envelope("internal_error", message))
        response["X-Correlation-Id"] = correlation_id
        return response


def with_retry_after(response, exc: DomainError):
    """A rate-limited answer (429) says in how many seconds to try again."""
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


def validation_fields(exc: ValidationError) -> dict[str, list[str]]:
    """Key each pydantic error by the field path the client sent (e.g. `lines.0.quantity`)."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        if len(loc) > 1 and loc[0] in _SOURCES:
            loc = loc[1:]  # a whole-body error keeps "body" as its key
        fields.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "")))
    return fields


def is_malformed_body(exc: HttpError) -> bool:
    # Ninja raises its only chained 400 when the body parser fails (its text may hold the cause).
    return exc.status_code == 400 and exc.__cause__ is not None


def is_csrf_failure(exc: HttpError) -> bool:
    return exc.status_code == 403 and exc.message == "CSRF check Failed"
