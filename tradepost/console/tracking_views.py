"""Staff console: tracking — import carrier events from a CSV file, and delivery performance per
route (origin → destination, carrier) over the last year."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tradepost import clock
from tradepost.console.permissions import staff_required
from tradepost.tracking import csv_import, selectors
from tradepost.tracking.errors import InvalidTrackingEvents, UnknownTrackingNumber
from tradepost.tracking.forms import RouteFilterForm, TrackingImportForm

PERFORMANCE_WINDOW = dt.timedelta(days=365)
MAX_ROUTES_SHOWN = 500


@staff_required
def tracking_import(request):
    """Upload a CSV of tracking events: stored as one batch, or refused with each row's problem."""
    form = TrackingImportForm(request.POST or None, request.FILES or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(csv_import.MAX_BYTES + 1)
        try:
            result = csv_import.import_csv(data, now=clock.now())
        except (InvalidTrackingEvents, UnknownTrackingNumber) as error:
            refused = error
        else:
            messages.success(
                request,
                _("Stored %(stored)s events (%(repeats)s repeats skipped); %(delivered)s orders "
                  "delivered.")
                % {"stored": result.stored, "repeats": result.duplicates,
                   "delivered": len(result.delivered)},
            )  # fmt: skip
            return redirect("console:tracking_import")
    context = {"form": form, "refused": refused, "columns": csv_import.COLUMNS}
    return render(request, "console/tracking/import.html", context, status=422 if refused else 200)


@staff_required
def delivery_performance(request):
    filters = RouteFilterForm(request.GET or None)
    routes = selectors.route_performance(
        **filters.filters(), since=clock.now() - PERFORMANCE_WINDOW
    )
    context = {"filters": filters, "routes": routes[:MAX_ROUTES_SHOWN], "total": len(routes)}
    return render(request, "console/tracking/performance.html", context)
