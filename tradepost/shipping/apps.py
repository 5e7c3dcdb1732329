from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "tradepost.shipping"
    label = "shipping"
    verbose_name = "Shipping"
