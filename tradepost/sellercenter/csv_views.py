"""Seller center: CSV export and import of the store's listings, with a row-by-row report.

Small files are imported during the request; large ones in a Huey task whose progress the page
polls with htmx. Either way the catalog applies the file atomically or not at all. Each upload
counts against the store's CSV import quota and each new product against its listing quota
(catalog.quotas); over either, the form page answers 429 with the reason and nothing is imported.
"""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tradepost import clock
from tradepost.catalog import csv_io, quotas
from tradepost.errors import RateLimited
from tradepost.sellercenter import jobs
from tradepost.sellercenter.access import refuse, store_required
from tradepost.sellercenter.product_forms import CsvImportForm
from tradepost.sellercenter.tasks import import_products_csv_task

INLINE_MAX_BYTES = 256 * 1024


@store_required
def products_export(request, store):
    text = csv_io.export_products_csv(store=store)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    filename = f"{store.slug}-products-{clock.now():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@store_required
def products_import(request, store):
    form = CsvImportForm(request.POST or None, request.FILES or None)
    context = {"store": store, "form": form, "columns": csv_io.COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > csv_io.MAX_BYTES:
            limit = csv_io.MAX_BYTES // (1024 * 1024)
            form.add_error("file", _("The file is larger than %s MB.") % limit)
        else:
            try:
                return _import(request, store, upload)
            except RateLimited as error:
                return refuse(request, form, error, "sellercenter/csv_import.html", context)
    return render(request, "sellercenter/csv_import.html", context)


def _import(request, store, upload):
    """A small file now, answered with its report; a large one in a job (its page: progress)."""
    quotas.take_csv_import(store=store, now=clock.now())
    if upload.size > INLINE_MAX_BYTES:
        job_id = jobs.start_job(store=store, data=upload.read())
        transaction.on_commit(lambda: import_products_csv_task(job_id))
        return redirect("sellercenter:products_import_job", job_id=job_id)
    report = csv_io.import_products_csv(store=store, data=upload.read(), now=clock.now())
    context = {"store": store, "report": report.as_dict()}
    status = 200 if report.ok else 422
    return render(request, "sellercenter/csv_report.html", context, status=status)


@store_required
def products_import_job(request, store, job_id: str):
    job = jobs.get_job(store=store, job_id=job_id)
    if job is None:
        raise Http404
    percent = int(job["done"] * 100 / job["total"]) if job["total"] else 0
    context = {"store": store, "job": job, "job_id": job_id, "percent": percent,
               "report": job["report"]}  # fmt: skip
    template = "sellercenter/_import_job.html" if request.htmx else "sellercenter/csv_job.html"
    return render(request, template, context)
