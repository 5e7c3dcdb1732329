from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule


class NotificationsConfig(AppConfig):
    name = "tradepost.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Every process that emits or dispatches must know the same outbox handlers. They live in
        # notifications/handlers/ (DESIGN.md §3: email, webhooks, search), imported at start-up.
        if module_has_submodule(self.module, "handlers"):
            import_module(f"{self.name}.handlers")
