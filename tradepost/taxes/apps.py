from django.apps import AppConfig


class TaxesConfig(AppConfig):
    name = "tradepost.taxes"
    label = "taxes"
    verbose_name = "Import taxes"
