from django.conf import settings
from django.db import models


class IdempotencyRecord(models.Model):
    """The first response to a user's `Idempotency-Key`; no status yet means it is still running.

    The unique (user, key) constraint is the lock: a request claims a key by inserting this row.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_method = models.CharField(max_length=10)
    request_path = models.TextField()
    request_body_sha256 = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_content_type = models.CharField(max_length=255, blank=True)
    response_body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.request_method} {self.request_path} ({self.key})"

    @property
    def is_complete(self) -> bool:
        return self.response_status is not None
