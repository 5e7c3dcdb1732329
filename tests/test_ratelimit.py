"""tradepost.ratelimit: fixed-window limits in the cache, refusals that use up nothing, windows
that reset after their period, exact counts under concurrency; rates read from the environment."""

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured

from tradepost import ratelimit
from tradepost.env import env_rate, parse_rate
from tradepost.errors import RateLimited

HOUR = 3600


def _hit(identity="store-a", scope="tests.things", *, limit=3, cost=1):
    return ratelimit.hit(scope, identity, limit=limit, period=HOUR, cost=cost)


def test_allows_the_limit_then_refuses_until_the_window_ends(clock):
    allowed = [_hit() for _ in range(3)]
    refused = _hit()

    assert [d.allowed for d in allowed] == [True, True, True]
    assert [d.remaining for d in allowed] == [2, 1, 0]
    assert (refused.allowed, refused.remaining) == (False, 0)
    assert 0 < refused.retry_after <= HOUR


def test_window_resets_when_retry_after_has_passed(clock):
    for _ in range(3):
        _hit()
    wait = _hit().retry_after

    clock.advance(seconds=wait - 1)
    still_refused = _hit()
    clock.advance(seconds=1)
    again = [_hit() for _ in range(4)]

    assert still_refused.allowed is False
    assert [d.allowed for d in again] == [True, True, True, False]


def test_a_whole_period_later_the_quota_is_full_again(clock):
    for _ in range(3):
        _hit()

    clock.advance(seconds=HOUR)

    assert _hit(cost=3).allowed is True


def test_a_refused_hit_uses_up_nothing(clock):
    _hit()

    too_many = _hit(cost=3)
    fits = _hit(cost=2)

    assert (too_many.allowed, too_many.remaining) == (False, 2)
    assert (fits.allowed, fits.remaining) == (True, 0)


def test_identities_and_scopes_count_apart(clock):
    for _ in range(3):
        _hit("store-a")

    assert _hit("store-a").allowed is False
    assert _hit("store-b").allowed is True
    assert _hit("store-a", scope="tests.other").allowed is True


def test_give_back_returns_the_units(clock):
    decisions = [_hit() for _ in range(3)]

    ratelimit.give_back(decisions[-1])

    assert _hit().allowed is True
    assert _hit().allowed is False


def test_take_raises_rate_limited_with_the_wait(clock):
    for _ in range(3):
        _hit()

    with pytest.raises(RateLimited) as refused:
        ratelimit.take("tests.things", "store-a", limit=3, period=HOUR)

    assert (refused.value.code, refused.value.http_status) == ("rate_limited", 429)
    assert 0 < refused.value.retry_after <= HOUR
    assert "Try again in" in str(refused.value.message)


def test_spending_gives_the_units_back_when_the_work_fails(clock):
    with pytest.raises(ZeroDivisionError):  # noqa: PT012 - the failure happens inside the block
        with ratelimit.spending("tests.things", "store-a", limit=1, period=HOUR):
            1 / 0  # noqa: B018

    with ratelimit.spending("tests.things", "store-a", limit=1, period=HOUR) as decision:
        pass

    assert decision.allowed is True
    assert _hit(limit=1).allowed is False


def test_concurrent_hits_allow_exactly_the_limit(clock):
    """Every thread gets its own cache connection (Redis when REDIS_URL is set)."""
    threads, limit = 16, 5
    start = threading.Barrier(threads)
    decisions = []

    def fire():
        start.wait()
        decisions.append(_hit("store-race", limit=limit))

    workers = [threading.Thread(target=fire) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert sum(d.allowed for d in decisions) == limit
    assert _hit("store-race", limit=limit).allowed is False


@pytest.mark.parametrize(
    ("text", "rate"),
    [("300/h", (300, 3600)), ("20/m", (20, 60)), ("5/10m", (5, 600)), (" 7 / 2d ", (7, 172800))],
)
def test_parses_rates(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "300", "300/x", "0/h", "5/0m", "-1/h", "h/300", "1.5/h"])
def test_refuses_malformed_rates(text):
    with pytest.raises(ValueError, match="not a rate"):
        parse_rate(text)


def test_a_malformed_rate_in_the_environment_stops_start_up(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_TESTS", "lots")

    with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT_TESTS"):
        env_rate("RATE_LIMIT_TESTS", "300/h")
    assert env_rate("RATE_LIMIT_UNSET_IN_TESTS", "300/h") == (300, 3600)
