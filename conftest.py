"""Fixtures shared by every test (test-run settings are set earlier, in tests/env.py)."""

import datetime as dt

import pytest

from tradepost import clock as clock_module

TEST_NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
PASSWORD = "correct-horse-battery-staple"


class Clock:
    """A frozen clock the test can move: `clock.now()`, `clock.move_to(t)`, `clock.advance(**kw)`."""

    def now(self) -> dt.datetime:
        return clock_module.now()

    def move_to(self, moment: dt.datetime) -> None:
        clock_module.move_to(moment)

    def advance(self, **delta) -> dt.datetime:
        clock_module.move_to(clock_module.now() + dt.timedelta(**delta))
        return clock_module.now()


@pytest.fixture
def clock():
    with clock_module.frozen_at(TEST_NOW):
        yield Clock()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A request leaves its language active in the thread; code under test outside a request
    starts in English whatever the previous test requested."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, cached data and cached pages never leak from one test into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _empty_search_index():
    """Each test starts with an empty in-memory search index (SEARCH_INDEX_DIR=memory)."""
    from tradepost.search import index

    index.forget_readers()


@pytest.fixture
def make_user(db):
    from allauth.account.models import EmailAddress

    from tradepost.accounts.models import User

    def make(email: str = "buyer@example.com", password: str = PASSWORD, **fields):
        user = User.objects.create_user(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def buyer(make_user):
    return make_user("buyer@example.com", ship_to_country="BR", display_currency="BRL")


@pytest.fixture
def other_buyer(make_user):
    return make_user("other@example.com", ship_to_country="FR", display_currency="EUR")
