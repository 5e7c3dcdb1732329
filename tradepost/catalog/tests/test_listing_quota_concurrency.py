"""Many creates fired at once through the API, each thread with its own database connection:
exactly the quota's worth of listings is created, every other request is a 429."""

import threading

import pytest
from django.db import connection
from django.test import Client

from tradepost.api.testing import bearer, send
from tradepost.catalog.models import Product

PRODUCTS = "/api/v1/seller/products"
NEW_PRODUCT = {"category": "t-shirts", "translations": {"en": {"title": "Linen shirt"}}}
THREADS = 8
LIMIT = 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_stop_exactly_at_the_quota(store, category, settings):
    settings.RATE_LIMIT_LISTINGS = (LIMIT, 3600)
    headers = bearer(store.seller.user, "catalog:write")
    start = threading.Barrier(THREADS)
    statuses = []

    def fire():
        try:
            start.wait()
            statuses.append(send(Client(), "post", PRODUCTS, NEW_PRODUCT, **headers).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=fire) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] * LIMIT + [429] * (THREADS - LIMIT)
    assert Product.objects.filter(store=store).count() == LIMIT
