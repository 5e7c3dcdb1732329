from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tradepost.notifications"
    label = "notifications"
