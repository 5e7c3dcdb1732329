import pytest
from django.test import Client

from tradepost.payments.testing import market, placed_checkout


@pytest.fixture
def shop(db, clock):
    return market()


@pytest.fixture
def checkout(shop):
    return placed_checkout(shop)


@pytest.fixture
def buyer_client(checkout):
    client = Client()
    client.force_login(checkout.buyer)
    return client
