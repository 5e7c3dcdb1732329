"""Seller center: delivery performance of the store's own parcels per route (origin →
destination, carrier): how many delivered and the median and 90th-percentile business days,
over the last year."""

import datetime as dt

from django.shortcuts import render

from tradepost import clock
from tradepost.sellercenter.access import store_required
from tradepost.tracking import selectors
from tradepost.tracking.forms import RouteFilterForm

WINDOW = dt.timedelta(days=365)


@store_required
def delivery_performance(request, store):
    filters = RouteFilterForm(request.GET or None)
    routes = selectors.route_performance(
        **filters.filters(), store=store, since=clock.now() - WINDOW
    )
    context = {"store": store, "filters": filters, "routes": routes}
    return render(request, "sellercenter/tracking/performance.html", context)
