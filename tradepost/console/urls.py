from django.urls import path

from tradepost.console import (
    fee_views,
    finance_views,
    promotion_views,
    restriction_views,
    seller_views,
    tax_views,
    tracking_views,
    views,
)

app_name = "console"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sellers/", seller_views.seller_queue, name="seller_queue"),
    path("fees/", fee_views.programme_list, name="fee_programmes"),
    path("fees/<str:public_id>/", fee_views.programme_edit, name="fee_programme_edit"),
    path("fees/<str:public_id>/end/", fee_views.programme_end, name="fee_programme_end"),
    path("fees/sellers/<str:public_id>/", fee_views.seller_commission, name="seller_commission"),
    path("sellers/<str:public_id>/", seller_views.seller_review, name="seller_review"),
    path(
        "sellers/<str:public_id>/<slug:decision>/",
        seller_views.seller_decide,
        name="seller_decide",
    ),
    path("coupons/", promotion_views.coupon_list, name="coupons"),
    path(
        "coupons/<str:public_id>/deactivate/",
        promotion_views.coupon_deactivate,
        name="coupon_deactivate",
    ),
    path("deals/", promotion_views.deal_list, name="deals"),
    path("deals/<str:public_id>/cancel/", promotion_views.deal_cancel, name="deal_cancel"),
    path("finance/", finance_views.overview, name="finance"),
    path("finance/check/", finance_views.ledger_check, name="finance_check"),
    path("finance/payouts/", finance_views.payout_queue, name="finance_payouts"),
    path("finance/payouts/export/", finance_views.export_batch, name="finance_export"),
    path(
        "finance/payouts/<str:public_id>/<slug:action>/",
        finance_views.payout_action,
        name="finance_payout_action",
    ),
    path("finance/batches/<str:public_id>.csv", finance_views.batch_csv, name="finance_batch"),
    path("taxes/ioss/", tax_views.ioss_return, name="taxes_ioss"),
    path("taxes/ioss.csv", tax_views.ioss_return_csv, name="taxes_ioss_csv"),
    path("restrictions/", restriction_views.country_list, name="restrictions"),
    path(
        "restrictions/categories/",
        restriction_views.category_list,
        name="restrictions_categories",
    ),
    path("restrictions/listings/", restriction_views.listing_list, name="restrictions_listings"),
    path("restrictions/<str:public_id>/lift/", restriction_views.lift, name="restriction_lift"),
    path("tracking/import/", tracking_views.tracking_import, name="tracking_import"),
    path(
        "shipping/performance/",
        tracking_views.delivery_performance,
        name="delivery_performance",
    ),
]
