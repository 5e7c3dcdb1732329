"""The base of every domain error: a stable machine `code`, an HTTP status and a translatable message.

Each app declares its own errors in `<app>/errors.py`. The API turns any DomainError into the
envelope `{"code", "message", "fields"}`; pages turn it into a form error. Codes are never renamed
once published.
"""

import datetime as dt
import math
from typing import Any, ClassVar

from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code: ClassVar[str] = "domain_error"
    http_status: ClassVar[int] = 400
    default_message: ClassVar[Any] = _("The request could not be completed.")

    def __init__(
        self, message: Any = None, *, fields: dict[str, list[str]] | None = None, **context
    ):
        self.message = message if message is not None else self.default_message
        self.fields = fields or {}
        self.context = context
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class NotFound(DomainError):
    """Also raised when the object exists but belongs to someone else (no tenant leaks)."""

    code = "not_found"
    http_status = 404
    default_message = _("Not found.")


class InvalidInput(DomainError):
    code = "invalid_input"
    http_status = 422
    default_message = _("Some fields are not valid.")


class PermissionDenied(DomainError):
    code = "permission_denied"
    http_status = 403
    default_message = _("You do not have permission to do this.")


class RateLimited(DomainError):
    """Over a rate limit or quota (tradepost.ratelimit): nothing was done; `retry_after` is how
    many seconds until the quota allows more. The API answers 429 with a Retry-After header, and
    so do pages."""

    code = "rate_limited"
    http_status = 429
    default_message = _("Too many requests. Please wait before trying again.")

    def __init__(self, message: Any = None, *, retry_after: int, **context):
        self.retry_after = max(int(retry_after), 1)
        if message is None:
            message = _("Too many requests. Try again in %(wait)s.") % {
                "wait": duration_text(self.retry_after)
            }
        super().__init__(message, retry_after=self.retry_after, **context)


def duration_text(seconds: int) -> str:
    """`seconds` rounded up to whole minutes, in the active language: "1 hour, 5 minutes"."""
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # only the difference is shown
    return timeuntil(start + dt.timedelta(minutes=max(math.ceil(seconds / 60), 1)), start)
