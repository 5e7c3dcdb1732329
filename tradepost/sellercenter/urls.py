from django.urls import path

from tradepost.sellercenter import views

app_name = "sellercenter"
urlpatterns = [
    path("", views.home, name="home"),
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/type/", views.onboarding_kind, name="onboarding_kind"),
    path("onboarding/details/", views.onboarding_details, name="onboarding_details"),
    path("onboarding/payout/", views.onboarding_payout, name="onboarding_payout"),
    path("onboarding/store/", views.onboarding_store, name="onboarding_store"),
    path("onboarding/review/", views.onboarding_review, name="onboarding_review"),
]
