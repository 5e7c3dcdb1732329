from django.urls import path

from tradepost.payments.gateways.test_gateway import views

app_name = "test_gateway"
urlpatterns = [
    path("pay/<str:ref>/", views.card_page, name="card"),
    path("3ds/<str:ref>/", views.challenge_page, name="challenge"),
    path("tokens", views.tokens, name="tokens"),
]
