"""Gateway adapters by name (settings.PAYMENT_GATEWAY picks the default; "test" is built in)."""

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from tradepost.payments.gateways.base import Gateway

_BUILT_IN = {"test": "tradepost.payments.gateways.test_gateway.adapter.TestGateway"}
_registry: dict[str, Callable[[], Gateway]] = {}


def register(name: str, factory: Callable[[], Gateway]) -> None:
    _registry[name] = factory


def get_gateway(name: str | None = None) -> Gateway:
    name = name or settings.PAYMENT_GATEWAY
    if name not in _registry:
        path = {**_BUILT_IN, **getattr(settings, "PAYMENT_GATEWAYS", {})}.get(name)
        if path is None:
            raise LookupError(f"no payment gateway named {name!r}")
        register(name, import_string(path))
    return _registry[name]()


def default_name() -> str:
    return settings.PAYMENT_GATEWAY
