"""Every write of the API layer: claiming, completing, releasing and sweeping idempotency keys."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from tradepost.accounts.models import User
from tradepost.api.errors import IdempotencyKeyReused, IdempotencyRequestInProgress
from tradepost.api.models import IdempotencyRecord


@dataclass(frozen=True)
class RequestFingerprint:
    method: str
    path: str
    body_sha256: str


def claim_idempotency_key(
    *, user: User, key: str, request: RequestFingerprint, now: datetime
) -> tuple[IdempotencyRecord, bool]:
    """Claim the key by INSERT, or return the finished record holding it: (record, claimed).

    Raises IdempotencyKeyReused for a different request and IdempotencyRequestInProgress while
    the first request with this key still runs.
    """
    for _attempt in range(2):
        try:
            with (
                transaction.atomic()
            ):  # a savepoint, so a conflict leaves any outer transaction usable
                record = IdempotencyRecord.objects.create(
                    user=user,
                    key=key,
                    request_method=request.method,
                    request_path=request.path,
                    request_body_sha256=request.body_sha256,
                    created_at=now,
                )
            return record, True
        except IntegrityError:
            holder = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if holder is not None:
            _check_same_request(holder, request)
            return holder, False
        # The holder was released (it crashed) or swept between our INSERT and SELECT: claim again.
    raise IdempotencyRequestInProgress()


def _check_same_request(holder: IdempotencyRecord, request: RequestFingerprint) -> None:
    first = RequestFingerprint(
        holder.request_method, holder.request_path, holder.request_body_sha256
    )
    if first != request:
        raise IdempotencyKeyReused()
    if not holder.is_complete:
        raise IdempotencyRequestInProgress()


def record_idempotent_response(
    *, record: IdempotencyRecord, status: int, content_type: str, body: bytes, now: datetime
) -> None:
    IdempotencyRecord.objects.filter(pk=record.pk, response_status__isnull=True).update(
        response_status=status,
        response_content_type=content_type,
        response_body=body,
        completed_at=now,
    )


def release_idempotency_key(*, record: IdempotencyRecord) -> None:
    """Forget an unfinished claim so that a retry with the same key runs again."""
    IdempotencyRecord.objects.filter(pk=record.pk, response_status__isnull=True).delete()


def sweep_idempotency_keys(*, now: datetime) -> int:
    """Delete records past the retention window (abandoned claims too); return how many."""
    cutoff = now - timedelta(hours=settings.IDEMPOTENCY_KEY_TTL_HOURS)
    deleted, _by_model = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
