from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "tradepost.inventory"
    label = "inventory"
    verbose_name = "Inventory"
