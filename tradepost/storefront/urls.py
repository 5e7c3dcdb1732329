from django.urls import path

from tradepost.payments import views as payment_views
from tradepost.storefront import (
    cart_views,
    checkout_views,
    deal_views,
    delivery_views,
    order_views,
    views,
)

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("s/<slug:slug>/", views.store, name="store"),
    path("p/<str:public_id>/", views.product, name="product_short"),
    path("p/<str:public_id>/<str:slug>/", views.product, name="product"),
    path("pv/<str:public_id>/", views.variant_panel, name="variant_panel"),
    path("pd/<str:public_id>/", deal_views.product_deal, name="product_deal"),
    path("pdel/<str:public_id>/", delivery_views.product_delivery, name="product_delivery"),
    path("search/", views.search_results, name="search"),
    path("search/suggest/", views.suggest, name="search_suggest"),
    path("cart/", cart_views.cart, name="cart"),
    path("cart/add/", cart_views.add, name="cart_add"),
    path("cart/count/", cart_views.badge, name="cart_badge"),
    path("cart/accept-prices/", cart_views.accept_prices, name="cart_accept_prices"),
    path("cart/lines/<str:variant>/", cart_views.line_update, name="cart_line"),
    path("cart/lines/<str:variant>/remove/", cart_views.line_remove, name="cart_remove"),
    path("checkout/", checkout_views.address, name="checkout"),
    path("checkout/review/", checkout_views.review, name="checkout_review"),
    path("checkout/shipping/", checkout_views.shipping_choice, name="checkout_shipping"),
    path("checkout/vat-number/", checkout_views.vat_number, name="checkout_vat_number"),
    path("checkout/coupons/", checkout_views.coupon_apply, name="checkout_coupon"),
    path("checkout/coupons/remove/", checkout_views.coupon_remove, name="checkout_coupon_remove"),
    path("checkout/place/", checkout_views.place, name="checkout_place"),
    path("checkout/<str:public_id>/", checkout_views.placed, name="checkout_placed"),
    path("checkout/<str:public_id>/pay/", payment_views.pay, name="checkout_pay"),
    path(
        "checkout/<str:public_id>/payment/", payment_views.payment_status, name="checkout_payment"
    ),
    path("account/orders/", order_views.order_list, name="orders"),
    path("account/orders/<str:public_id>/", order_views.order_detail, name="order"),
    path("account/orders/<str:public_id>/cancel/", order_views.order_cancel, name="order_cancel"),
    path(
        "account/orders/<str:public_id>/confirm-receipt/",
        order_views.order_confirm_receipt,
        name="order_confirm_receipt",
    ),
    path(
        "account/orders/<str:public_id>/extend-protection/",
        order_views.order_extend_protection,
        name="order_extend_protection",
    ),
]
