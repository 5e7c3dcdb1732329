from django.apps import AppConfig


class SellersConfig(AppConfig):
    name = "tradepost.sellers"
    label = "sellers"
