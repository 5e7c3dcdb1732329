"""Errors raised by the API layer itself: scopes, CSRF and idempotency keys."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, PermissionDenied


class InsufficientScope(PermissionDenied):
    code = "insufficient_scope"
    default_message = _("This API token does not have the scope needed for this request.")


class CsrfFailed(PermissionDenied):
    code = "csrf_failed"
    default_message = _("CSRF verification failed. Send the X-CSRFToken header.")


class InvalidIdempotencyKey(DomainError):
    code = "invalid_idempotency_key"
    http_status = 400
    default_message = _("The Idempotency-Key header must be 1 to 255 printable ASCII characters.")


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    http_status = 409
    default_message = _("This Idempotency-Key was already used for a different request.")


class IdempotencyRequestInProgress(DomainError):
    code = "idempotency_request_in_progress"
    http_status = 409
    default_message = _("A request with this Idempotency-Key is still running. Retry later.")
