"""Outbox test fixtures: handlers registered by a test vanish after it; recording handlers."""

import contextlib

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from huey.contrib.djhuey import HUEY

from tradepost.notifications import registry
from tradepost.notifications.outbox import emit


@pytest.fixture(autouse=True)
def _isolated_registry():
    with registry.isolated():
        yield


@pytest.fixture
def huey():
    """The configured Huey (SQLite file or Redis) with an empty queue, emptied again afterwards."""
    HUEY.flush()
    yield HUEY
    HUEY.flush()


@pytest.fixture
def emit_committed():
    """Emit one event in its own transaction, as a service would."""

    def emit_one(topic: str, payload: dict | None = None, **kwargs):
        with transaction.atomic():
            return emit(topic, payload or {}, **kwargs)

    return emit_one


class ServiceFailed(Exception):
    pass


@pytest.fixture
def emit_rolled_back():
    """Emit inside a transaction that then fails and rolls back, as a failing service would."""

    def emit_and_fail(topic: str, payload: dict | None = None) -> None:
        with contextlib.suppress(ServiceFailed), transaction.atomic():
            emit(topic, payload or {})
            raise ServiceFailed

    return emit_and_fail


class GroupWriter:
    """A handler whose effect is a database row: a Group named `<label>:<event id>`.

    It fails (after writing its row, which must then be rolled back) while `failures_left` > 0.
    """

    def __init__(self, label: str, failures: int = 0):
        self.label, self.failures_left, self.calls = label, failures, []

    def __call__(self, event: registry.Event) -> None:
        self.calls.append(event.id)
        Group.objects.create(name=self.group_name(event.id))
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError(f"{self.label} is unreachable")

    def group_name(self, event_id) -> str:
        return f"{self.label}:{event_id}"

    def groups(self) -> list[str]:
        return list(
            Group.objects.filter(name__startswith=f"{self.label}:").values_list("name", flat=True)
        )


@pytest.fixture
def group_writer():
    """Register a GroupWriter for a topic: `group_writer("order.placed", failures=2)`."""

    def register(topic: str, *, label: str = "writer", failures: int = 0) -> GroupWriter:
        handler = GroupWriter(label, failures)
        registry.register(topic, handler, name=f"tests.{label}")
        return handler

    return register
