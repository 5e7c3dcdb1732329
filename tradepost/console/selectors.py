"""Figures for the staff console dashboard."""

from django.contrib.auth.models import Group
from django.db.models import Count

from tradepost.accounts.models import User
from tradepost.money.models import ExchangeRate
from tradepost.sellers.models import Seller
from tradepost.sellers.states import SellerStatus


def dashboard_figures() -> dict:
    roles = Group.objects.annotate(members=Count("user")).order_by("name").values("name", "members")
    latest = ExchangeRate.objects.order_by("-rate_date").values_list("rate_date", flat=True).first()
    return {
        "user_count": User.objects.count(),
        "roles": list(roles),
        "latest_rate_date": latest,
        "rate_count": ExchangeRate.objects.filter(rate_date=latest).count() if latest else 0,
        "pending_sellers": Seller.objects.filter(status=SellerStatus.SUBMITTED).count(),
    }
