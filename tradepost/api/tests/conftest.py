import pytest
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string

from tradepost.api.testing import bearer


@pytest.fixture
def reader(buyer, clock):
    """Authorization headers of a buyer's token that may only read the account."""
    return bearer(buyer, "account:read")


@pytest.fixture
def writer(buyer, clock):
    """Authorization headers of a buyer's token that may read and change the account."""
    return bearer(buyer, "account:read", "account:write")


@pytest.fixture
def browser(buyer):
    """A logged-in browser that really enforces CSRF; `browser.csrf_token` is its valid token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    client.csrf_token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = client.csrf_token
    return client
