"""Idempotency keys are forgotten after IDEMPOTENCY_KEY_TTL_HOURS (Stripe keeps them 24 hours)."""

import datetime as dt

import pytest

from tradepost.api import services
from tradepost.api.models import IdempotencyRecord
from tradepost.api.tasks import sweep_idempotency_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(buyer, clock, settings):
    settings.IDEMPOTENCY_KEY_TTL_HOURS = 24
    now = clock.now()
    ages = {"expired": 25, "just-expired": 24.01, "fresh": 23.99, "running": 30}
    for key, hours in ages.items():
        IdempotencyRecord.objects.create(
            user=buyer,
            key=key,
            request_method="POST",
            request_path="/api/v1/addresses",
            request_body_sha256="0" * 64,
            response_status=None if key == "running" else 201,
            created_at=now - dt.timedelta(hours=hours),
        )


def test_sweep_deletes_only_records_past_the_retention_window(records, clock):
    deleted = services.sweep_idempotency_keys(now=clock.now())

    assert deleted == 3
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh"]


def test_periodic_task_sweeps_with_the_clock(records, clock):
    clock.advance(hours=1)

    sweep_idempotency_keys.call_local()

    assert IdempotencyRecord.objects.count() == 0
