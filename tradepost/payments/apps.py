from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "tradepost.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        from tradepost.payments import redaction

        redaction.install()
