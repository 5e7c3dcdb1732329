"""CSV imports that run in the background: the file waits in storage, progress lives in the cache.

A job is keyed by a random id; its cache entry names the store, so another seller asking for the
id gets a 404 like any other unknown job.
"""

import secrets

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tradepost import clock
from tradepost.catalog.csv_io import ImportReport, RowError, import_products_csv
from tradepost.errors import RateLimited
from tradepost.sellers.models import Store

JOB_SECONDS = 24 * 3600
_DIR = "sellercenter/imports"


def _key(job_id: str) -> str:
    return f"sellercenter:csv-import:{job_id}"


def start_job(*, store: Store, data: bytes) -> str:
    """Keep the file and record a queued job; the caller enqueues the task."""
    job_id = secrets.token_urlsafe(16)
    path = default_storage.save(f"{_DIR}/{job_id}.csv", ContentFile(data))
    cache.set(_key(job_id), {"store_id": store.pk, "state": "queued", "done": 0, "total": 0,
                             "path": path, "report": None}, JOB_SECONDS)  # fmt: skip
    return job_id


def get_job(*, store: Store, job_id: str) -> dict | None:
    job = cache.get(_key(job_id))
    if job is None or job.get("store_id") != store.pk:
        return None
    return job


def _update(job_id: str, **changes) -> None:
    job = cache.get(_key(job_id)) or {}
    cache.set(_key(job_id), {**job, **changes}, JOB_SECONDS)


def run_job(job_id: str) -> None:
    """Import the job's file (all or nothing), reporting progress to the cache as it goes."""
    job = cache.get(_key(job_id))
    if job is None or job["state"] != "queued":
        return
    store = Store.objects.select_related("seller").get(pk=job["store_id"])
    _update(job_id, state="running")
    try:
        with default_storage.open(job["path"], "rb") as handle:
            data = handle.read()
        try:
            report = import_products_csv(
                store=store, data=data, now=clock.now(),
                progress=lambda done, total: _update(job_id, done=done, total=total),
            ).as_dict()  # fmt: skip
        except RateLimited as error:  # more new listings than the store's quota has left
            report = _refused(error)
        _update(job_id, state="finished", report=report)
    finally:
        default_storage.delete(job["path"])
        if cache.get(_key(job_id), {}).get("state") == "running":
            _update(job_id, state="failed")


def _refused(error: RateLimited) -> dict:
    """The report of a file refused whole: the reason on the whole file, nothing imported."""
    report = ImportReport(errors=[RowError(0, "", str(error.message))])
    return {**report.as_dict(), "code": error.code}
