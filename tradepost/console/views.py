"""Staff pages. Raw data lives in the Django admin; these pages are for daily staff work."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from tradepost.console import selectors


@staff_member_required
def dashboard(request):
    return render(request, "console/dashboard.html", selectors.dashboard_figures())
