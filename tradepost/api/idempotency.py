"""`@idempotent`: a retried POST with the same `Idempotency-Key` gets the first response again.

Put it directly below the route decorator:

    @router.post("/addresses", response={201: AddressOut})
    @idempotent
    def create_address(request, payload: AddressCreateIn): ...

It works in two layers. Around the handler (after authentication and input validation, so the
key is scoped to `request.auth` and invalid input claims nothing) it claims the key or replays the
stored response. Around the whole operation it stores the final HttpResponse, whichever exception
handler produced it. Requests without the header run normally.
"""

import functools
import hashlib
import inspect
import re

from django.http import HttpResponse, StreamingHttpResponse
from django.http.request import RawPostDataException
from ninja.decorators import decorate_view
from ninja.errors import ConfigError
from ninja.utils import contribute_operation_callback

from tradepost import clock
from tradepost.api import services
from tradepost.api.errors import InvalidIdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # printable ASCII, as UUIDs and Stripe keys are
_CLAIM_ATTR = "_idempotency_claim"


def idempotent(view):
    if inspect.iscoroutinefunction(view):
        raise ConfigError("@idempotent supports synchronous handlers only")
    if hasattr(view, "_ninja_operation"):  # above the route: Ninja would never call our wrapper
        raise ConfigError("put @idempotent directly below the route decorator")

    @functools.wraps(view)
    def claim_then_run(request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(request, *args, **kwargs)
        if not _VALID_KEY.fullmatch(key):
            raise InvalidIdempotencyKey()
        record, claimed = services.claim_idempotency_key(
            user=_user_of(request), key=key, request=_fingerprint(request), now=clock.now()
        )
        if not claimed:
            return _replay(record)
        setattr(request, _CLAIM_ATTR, record)
        return view(request, *args, **kwargs)

    # functools.wraps shares the view's callback list; give the wrapper its own.
    claim_then_run._ninja_contribute_to_operation = list(
        getattr(view, "_ninja_contribute_to_operation", [])
    )
    contribute_operation_callback(claim_then_run, _document_header)
    return decorate_view(_store_first_response)(claim_then_run)


def _store_first_response(run):
    @functools.wraps(run)
    def run_and_store(request, *args, **kwargs):
        try:
            response = run(request, *args, **kwargs)
        except BaseException:
            _finish(request, None)
            raise
        _finish(request, response)
        return response

    return run_and_store


def _finish(request, response) -> None:
    record = request.__dict__.pop(_CLAIM_ATTR, None)
    if record is None:
        return
    if response is None or not _replayable(response):
        services.release_idempotency_key(record=record)
        return
    services.record_idempotent_response(
        record=record,
        status=response.status_code,
        content_type=response.get("Content-Type", ""),
        body=response.content,
        now=clock.now(),
    )


def _replayable(response) -> bool:
    # Like Stripe we replay failures too, but not a crash (5xx) or a refusal before any work was
    # done (permission, rate limit): those leave nothing to repeat, so a retry may run afresh.
    if isinstance(response, StreamingHttpResponse):
        return False
    return response.status_code < 500 and response.status_code not in (403, 429)


def _replay(record) -> HttpResponse:
    response = HttpResponse(
        bytes(record.response_body),
        status=record.response_status,
        content_type=record.response_content_type or None,
    )
    response[REPLAYED_HEADER] = "true"
    return response


def _fingerprint(request) -> services.RequestFingerprint:
    return services.RequestFingerprint(
        method=request.method,
        path=request.get_full_path(),
        body_sha256=_body_digest(request),
    )


def _body_digest(request) -> str:
    """SHA-256 of the body; for a multipart upload already parsed, of its fields and files."""
    try:
        return hashlib.sha256(request.body).hexdigest()
    except RawPostDataException:
        pass  # the upload was streamed into request.FILES; hash what it contained instead
    digest = hashlib.sha256()
    for name in sorted(request.POST):
        for value in request.POST.getlist(name):
            digest.update(f"{name}={value}\n".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"{name}:{upload.name}:{upload.size}\n".encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def _user_of(request):
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        raise ConfigError("@idempotent needs an authenticated endpoint: keys belong to a user")
    return user


def _document_header(operation) -> None:
    extra = dict(operation.openapi_extra or {})
    extra["parameters"] = [
        *extra.get("parameters", []),
        {
            "in": "header",
            "name": HEADER,
            "required": False,
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            "description": "Retry safely: a repeat with the same key returns the first response.",
        },
    ]
    operation.openapi_extra = extra
