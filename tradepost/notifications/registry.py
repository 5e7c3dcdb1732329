"""Which handlers receive which outbox topics.

    @handles("order.placed")
    def send_order_confirmation(event: Event) -> None: ...

A handler's name (module.qualname unless given) is stored on each delivery row, so it must stay
stable: pass `name=` to keep the old one when moving or renaming a handler. Delivery is at least
once (a run whose transaction did not commit is run again), so handlers must be idempotent.
Handlers live in `tradepost/notifications/handlers/`, imported at start-up by
`NotificationsConfig.ready()`, so every process knows the same ones.
"""

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Event:
    id: uuid.UUID
    topic: str
    payload: dict[str, Any]
    created_at: dt.datetime


Handler = Callable[[Event], None]

_handlers: dict[str, Handler] = {}
_topics: dict[str, list[str]] = {}


def register(topic: str, handler: Handler, *, name: str | None = None) -> str:
    name = name or f"{handler.__module__}.{handler.__qualname__}"
    if _handlers.get(name, handler) is not handler:
        raise ValueError(f"another outbox handler is already registered as {name!r}")
    _handlers[name] = handler
    names = _topics.setdefault(topic, [])
    if name not in names:
        names.append(name)
    return name


def handles(topic: str, *, name: str | None = None) -> Callable[[Handler], Handler]:
    def decorator(handler: Handler) -> Handler:
        register(topic, handler, name=name)
        return handler

    return decorator


def handler_names(topic: str) -> list[str]:
    return list(_topics.get(topic, ()))


def get_handler(name: str) -> Handler | None:
    return _handlers.get(name)


@contextlib.contextmanager
def isolated() -> Iterator[None]:
    """Undo every registration made inside the block (for tests)."""
    saved_handlers, saved_topics = dict(_handlers), {t: list(n) for t, n in _topics.items()}
    try:
        yield
    finally:
        _handlers.clear()
        _handlers.update(saved_handlers)
        _topics.clear()
        _topics.update(saved_topics)
