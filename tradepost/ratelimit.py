"""Rate limits and quotas counted in the Django cache (DESIGN.md §4, RELIABILITY.md §9).

A limit allows `limit` units per `period` seconds to one identity (a store, an IP address) within
one scope ("catalog.listings"). `hit()` counts and decides; `take()` raises RateLimited instead of
answering no; `spending()` also gives the units back if the work it guards fails:

    decision = ratelimit.hit("search", ip, limit=60, period=60)
    if not decision.allowed: ...  # decision.retry_after seconds until the window resets

Counting uses fixed windows: one cache entry per (scope, identity, window), created by `cache.add`
and raised by `cache.incr`. Both are atomic in Redis (shared by every worker and machine: set
REDIS_URL) and in the local-memory cache (one process: the embedded mode), so concurrent callers
each get their own count and exactly `limit` units are granted per window. A refused hit is taken
back at once: refusals use up nothing, and a smaller request may still fit what is left. Each
identity's windows start at its own offset, so quotas do not all reset at the same second. A burst
that straddles two windows can reach twice the limit within one period: the price of two atomic
commands instead of a server-side script. On Redis the two go in one MULTI/EXEC transaction, one
round trip (Django's `incr` alone is two: EXISTS, then INCRBY).

Time comes from tradepost.clock, so tests move the clock instead of sleeping.
"""

import contextlib
import datetime as dt
import hashlib
import math
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from tradepost import clock
from tradepost.errors import RateLimited

# A window's entry outlives the window a little, so it never expires while still being counted.
_GRACE_SECONDS = 60


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window resets when refused; 0 when allowed
    remaining: int  # units left in the window (after this hit when allowed)
    limit: int
    key: str = field(default="", repr=False)
    cost: int = field(default=0, repr=False)


def hit(
    scope: str,
    identity: str,
    *,
    limit: int,
    period: int,
    cost: int = 1,
    now: dt.datetime | None = None,
) -> Decision:
    """Count `cost` units for `identity` in `scope`; allowed while the window's total ≤ `limit`."""
    if limit < 0 or period < 1 or cost < 0:
        raise ValueError("a limit needs limit ≥ 0, period ≥ 1 s and cost ≥ 0")
    moment = (now or clock.now()).timestamp()
    base = f"ratelimit:{scope}:{period}:{hashlib.sha256(identity.encode()).hexdigest()[:32]}"
    offset = zlib.crc32(base.encode()) % period
    window = math.floor((moment - offset) / period)
    resets_in = max(math.ceil(offset + (window + 1) * period - moment), 1)
    key = f"{base}:{window}"
    if cost == 0:
        return Decision(True, 0, max(limit - (cache.get(key) or 0), 0), limit)
    count = _increment(key, cost, timeout=resets_in + _GRACE_SECONDS)
    if count <= limit:
        return Decision(True, 0, limit - count, limit, key, cost)
    _decrement(key, cost)
    return Decision(False, resets_in, max(limit - (count - cost), 0), limit)


def give_back(decision: Decision) -> None:
    """Return the units of an allowed hit whose work did not happen after all."""
    if decision.allowed and decision.cost:
        _decrement(decision.key, decision.cost)


def take(
    scope: str,
    identity: str,
    *,
    limit: int,
    period: int,
    cost: int = 1,
    now: dt.datetime | None = None,
    refusal: Callable[[Decision], RateLimited] | None = None,
) -> Decision:
    """`hit()`, raising RateLimited (or `refusal(decision)`, a more specific one) when refused."""
    decision = hit(scope, identity, limit=limit, period=period, cost=cost, now=now)
    if not decision.allowed:
        raise refusal(decision) if refusal else RateLimited(retry_after=decision.retry_after)
    return decision


@contextlib.contextmanager
def spending(
    scope: str,
    identity: str,
    *,
    limit: int,
    period: int,
    cost: int = 1,
    now: dt.datetime | None = None,
    refusal: Callable[[Decision], RateLimited] | None = None,
) -> Iterator[Decision]:
    """`take()` for a block of work: the units are given back if the block raises."""
    decision = take(
        scope, identity, limit=limit, period=period, cost=cost, now=now, refusal=refusal
    )
    try:
        yield decision
    except BaseException:
        give_back(decision)
        raise


def _increment(key: str, delta: int, *, timeout: int) -> int:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # cache.add + cache.incr in one transaction: SET NX creates the window's entry (at 0,
        # as add would store it) unless it exists, INCRBY counts; nothing can expire between.
        full_key = backend.make_and_validate_key(key)
        pipe = backend._cache.get_client(full_key, write=True).pipeline(transaction=True)
        pipe.set(full_key, 0, ex=timeout, nx=True)
        pipe.incrby(full_key, delta)
        return pipe.execute()[1]
    for _attempt in range(3):
        cache.add(key, 0, timeout)  # no-op when the window's entry exists
        try:
            return cache.incr(key, delta)
        except ValueError:  # the entry expired between add and incr: create it again
            continue
    raise RuntimeError(f"the rate-limit counter {key} keeps expiring")


def _decrement(key: str, delta: int) -> None:
    with contextlib.suppress(ValueError):  # already expired: nothing left to give back
        cache.decr(key, delta)
