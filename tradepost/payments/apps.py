from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "tradepost.payments"
    label = "payments"
    verbose_name = "Payments"
