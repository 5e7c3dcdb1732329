"""Keeping the index in step with the catalog: queue, flush, rebuild.

Catalog and seller changes reach `handlers` through the outbox; handlers queue the listings
concerned (PendingReindex) in the delivery's transaction and wake `tasks.flush_queue`. A flush
rebuilds those listings' documents (deleting the ones that are no longer public) in one commit,
then bumps the catalog version so cached listing pages are rendered again from the new index.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction

from tradepost.catalog import versions
from tradepost.catalog.models import Product
from tradepost.search import documents, index, schema
from tradepost.search.models import PendingReindex

FLUSH_LIMIT = 5000


def queue_products(product_ids: Iterable[int], *, now: dt.datetime) -> int:
    rows = [PendingReindex(product_id=pk, queued_at=now) for pk in set(product_ids)]
    PendingReindex.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def queue_store(store_id: int, *, now: dt.datetime) -> int:
    ids = Product.objects.filter(store_id=store_id).values_list("id", flat=True)
    return queue_products(ids, now=now)


def reindex(product_ids: Iterable[int]) -> int:
    """Rebuild the documents of these listings now; returns how many are public (indexed)."""
    ids = sorted(set(product_ids))
    if not ids:
        return 0
    added = 0
    with index.writer() as writer:
        for pk in ids:
            writer.delete_documents_by_term(schema.ID, pk)
        for batch in documents.documents(ids):
            for doc in batch:
                writer.add_document(doc)
            added += len(batch)
    _listings_changed()
    return added


def flush_queue(limit: int = FLUSH_LIMIT) -> int:
    """Index the queued listings (up to `limit` rows); returns how many rows were handled."""
    rows = list(PendingReindex.objects.order_by("id").values_list("id", "product_id")[:limit])
    if not rows:
        return 0
    reindex(pk for _, pk in rows)
    # exactly the rows read: on PostgreSQL a lower id can commit after a higher one
    PendingReindex.objects.filter(id__in=[row_id for row_id, _ in rows]).delete()
    return len(rows)


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Replace the whole index with every public listing, in one commit: readers see the old
    index until the new one is complete. Returns the number of listings indexed."""
    total = documents.public_products().count()
    done = 0
    with index.writer(heap_bytes=index.REBUILD_HEAP_BYTES) as writer:
        writer.delete_all_documents()
        for batch in documents.documents():
            for doc in batch:
                writer.add_document(doc)
            done += len(batch)
            if progress:
                progress(done, total)
    _listings_changed()
    return done


def _listings_changed() -> None:
    with transaction.atomic():
        versions.bump(listings=True)
