from django.apps import AppConfig


class PromotionsConfig(AppConfig):
    name = "tradepost.promotions"
    label = "promotions"
    verbose_name = "Coupons and flash deals"
