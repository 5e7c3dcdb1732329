from django.db import models


class PendingReindex(models.Model):
    """A listing whose index document must be rebuilt (written by outbox handlers).

    Not unique per product on purpose: a flush deletes only the rows it read, so a change that
    arrives while it runs leaves its own row behind and is indexed by the next flush.
    """

    product_id = models.BigIntegerField()
    queued_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["product_id"])]
