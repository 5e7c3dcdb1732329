from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "tradepost.orders"
    label = "orders"
    verbose_name = "Orders"
