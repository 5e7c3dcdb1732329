from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "tradepost.tracking"
    label = "tracking"
    verbose_name = "Shipments and tracking"
