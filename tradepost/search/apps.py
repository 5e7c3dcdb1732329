from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tradepost.search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Outbox handlers must be registered in every process (web emits, the worker delivers).
        from tradepost.search import handlers  # noqa: F401
