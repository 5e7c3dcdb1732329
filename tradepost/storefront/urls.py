from django.urls import path

from tradepost.storefront import deal_views, views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("s/<slug:slug>/", views.store, name="store"),
    path("p/<str:public_id>/", views.product, name="product_short"),
    path("p/<str:public_id>/<str:slug>/", views.product, name="product"),
    path("pv/<str:public_id>/", views.variant_panel, name="variant_panel"),
    path("pd/<str:public_id>/", deal_views.product_deal, name="product_deal"),
    path("search/", views.search_results, name="search"),
    path("search/suggest/", views.suggest, name="search_suggest"),
    path("cart/", views.cart, name="cart"),
]
