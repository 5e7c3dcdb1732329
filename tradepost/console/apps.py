from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "tradepost.console"
    label = "console"
