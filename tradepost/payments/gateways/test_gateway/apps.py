from django.apps import AppConfig


class TestGatewayConfig(AppConfig):
    """The built-in test card processor: its tables stand for the processor's own servers."""

    name = "tradepost.payments.gateways.test_gateway"
    label = "payments_test_gateway"
    verbose_name = "Test payment gateway"
