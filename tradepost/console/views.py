"""Staff pages. Raw data lives in the Django admin; these pages are for daily staff work."""

from django.shortcuts import render

from tradepost.console import selectors
from tradepost.console.permissions import staff_required


@staff_required
def dashboard(request):
    return render(request, "console/dashboard.html", selectors.dashboard_figures())
