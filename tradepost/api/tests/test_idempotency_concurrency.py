"""The same Idempotency-Key fired from many threads at once does the work exactly once."""

import threading

import pytest
from django.db import connection
from django.test import Client

from tradepost.accounts.models import Address
from tradepost.api.testing import bearer, send

ADDRESS = {
    "full_name": "Ana Souza",
    "line1": "Av. Paulista 1000",
    "city": "São Paulo",
    "postal_code": "01310-100",
    "country": "BR",
    "phone": "+55 11 91234-5678",
}
THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_repeats_create_one_address(buyer):
    headers = {**bearer(buyer, "account:write"), "Idempotency-Key": "race-1"}
    start = threading.Barrier(THREADS)
    responses = []

    def fire():
        try:
            start.wait()
            responses.append(send(Client(), "post", "/api/v1/addresses", ADDRESS, **headers))
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Address.objects.filter(user=buyer).count() == 1
    originals = [r for r in responses if r.status_code == 201 and "Idempotent-Replayed" not in r]
    replays = [r for r in responses if r.status_code == 201 and "Idempotent-Replayed" in r]
    in_progress = [r for r in responses if r.status_code == 409]
    assert len(originals) == 1
    assert {r.content for r in replays} <= {originals[0].content}
    assert {r.json()["code"] for r in in_progress} <= {"idempotency_request_in_progress"}
    assert len(originals) + len(replays) + len(in_progress) == THREADS
