from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "tradepost.money"
    label = "money"
