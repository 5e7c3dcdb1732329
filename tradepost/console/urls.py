from django.urls import path

from tradepost.console import seller_views, views

app_name = "console"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sellers/", seller_views.seller_queue, name="seller_queue"),
    path("sellers/<str:public_id>/", seller_views.seller_review, name="seller_review"),
    path(
        "sellers/<str:public_id>/<slug:decision>/",
        seller_views.seller_decide,
        name="seller_decide",
    ),
]
