from django.urls import path

from tradepost.sellercenter import (
    account_views,
    csv_views,
    media_views,
    money_views,
    order_views,
    performance_views,
    product_views,
    promotion_views,
    shipping_views,
    store_views,
    variant_views,
    views,
)

app_name = "sellercenter"
urlpatterns = [
    path("", views.home, name="home"),
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/type/", views.onboarding_kind, name="onboarding_kind"),
    path("onboarding/details/", views.onboarding_details, name="onboarding_details"),
    path("onboarding/payout/", views.onboarding_payout, name="onboarding_payout"),
    path("onboarding/store/", views.onboarding_store, name="onboarding_store"),
    path("onboarding/review/", views.onboarding_review, name="onboarding_review"),
    # the store's settings (always the signed-in seller's own store)
    path("store/", store_views.store_edit, name="store"),
    path("store/text/<str:language>/", store_views.store_text, name="store_text"),
    path("store/images/<str:kind>/", store_views.store_image, name="store_image"),
    path(
        "store/images/<str:kind>/remove/",
        store_views.store_image_remove,
        name="store_image_remove",
    ),
    # payout account, deposits, closing (always the signed-in seller's own)
    path("payout-account/", account_views.payout_account, name="payout_account"),
    path("deposits/", account_views.deposit_list, name="deposits"),
    path("close/", account_views.close_store, name="close_store"),
    path("close/confirm/", account_views.close_store_confirm, name="close_store_confirm"),
    # promotions
    path("coupons/", promotion_views.coupon_list, name="coupons"),
    path(
        "coupons/<str:public_id>/deactivate/",
        promotion_views.coupon_deactivate,
        name="coupon_deactivate",
    ),
    path("deals/", promotion_views.deal_list, name="deals"),
    path("deals/<str:public_id>/cancel/", promotion_views.deal_cancel, name="deal_cancel"),
    # shipping templates (always the signed-in seller's own store)
    path("shipping/", shipping_views.template_list, name="shipping_templates"),
    path(
        "shipping/performance/",
        performance_views.delivery_performance,
        name="delivery_performance",
    ),
    path("shipping/new/", shipping_views.template_new, name="shipping_template_new"),
    path("shipping/zones/", shipping_views.zone_rows, name="shipping_zone_rows"),
    path(
        "shipping/templates/<str:public_id>/",
        shipping_views.template_edit,
        name="shipping_template_edit",
    ),
    path(
        "shipping/templates/<str:public_id>/default/",
        shipping_views.template_default,
        name="shipping_template_default",
    ),
    path(
        "shipping/templates/<str:public_id>/delete/",
        shipping_views.template_delete,
        name="shipping_template_delete",
    ),
    # orders (always the signed-in seller's own store)
    path("orders/", order_views.order_list, name="orders"),
    path("orders/<str:public_id>/", order_views.order_detail, name="order_detail"),
    path("orders/<str:public_id>/ship/", order_views.order_ship, name="order_ship"),
    path("orders/<str:public_id>/cancel/", order_views.order_cancel, name="order_cancel"),
    # money (always the signed-in seller's own balance, statement and payouts)
    path("money/", money_views.balance, name="money_balance"),
    path("money/statement/", money_views.statement, name="money_statement"),
    path("money/statement.csv", money_views.statement_csv, name="money_statement_csv"),
    path("money/payouts/", money_views.payouts, name="money_payouts"),
    # listings
    path("products/", product_views.product_list, name="products"),
    path("products/bulk/", product_views.product_bulk, name="products_bulk"),
    path("products/new/", product_views.product_new, name="product_new"),
    path("products/export.csv", csv_views.products_export, name="products_export"),
    path("products/import/", csv_views.products_import, name="products_import"),
    path(
        "products/import/<str:job_id>/",
        csv_views.products_import_job,
        name="products_import_job",
    ),
    path("products/<str:public_id>/", product_views.product_edit, name="product_edit"),
    path(
        "products/<str:public_id>/text/<str:language>/",
        product_views.product_text,
        name="product_text",
    ),
    path(
        "products/<str:public_id>/options/", variant_views.product_options, name="product_options"
    ),
    path(
        "products/<str:public_id>/variants/",
        variant_views.product_variants,
        name="product_variants",
    ),
    path(
        "products/<str:public_id>/variants/<str:variant_id>/tiers/",
        variant_views.product_tiers,
        name="product_tiers",
    ),
    path("products/<str:public_id>/images/", media_views.product_image, name="product_image"),
    path(
        "products/<str:public_id>/images/<str:image_id>/delete/",
        media_views.product_image_delete,
        name="product_image_delete",
    ),
    path(
        "products/<str:public_id>/certificates/",
        media_views.product_certificate,
        name="product_certificate",
    ),
    path(
        "products/<str:public_id>/publish/", product_views.product_publish, name="product_publish"
    ),
]
