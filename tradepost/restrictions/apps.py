from django.apps import AppConfig


class RestrictionsConfig(AppConfig):
    name = "tradepost.restrictions"
    label = "restrictions"
    verbose_name = "Country restrictions"
