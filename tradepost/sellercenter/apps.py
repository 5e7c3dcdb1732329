from django.apps import AppConfig


class SellercenterConfig(AppConfig):
    name = "tradepost.sellercenter"
    label = "sellercenter"
