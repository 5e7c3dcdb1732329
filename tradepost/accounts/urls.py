from django.urls import path

from tradepost.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("addresses/", views.address_list, name="addresses"),
    path("addresses/<str:public_id>/", views.address_edit, name="address_edit"),
    path("addresses/<str:public_id>/delete/", views.address_delete, name="address_delete"),
    path("addresses/<str:public_id>/default/", views.address_make_default, name="address_default"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<str:public_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("security/", views.security, name="security"),
]
