"""Cache and task queue follow REDIS_URL: local memory + SQLite Huey by default, Redis when set."""

import os

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from huey import RedisHuey, SqliteHuey
from huey.contrib.djhuey import HUEY


def test_cache_and_queue_backends_follow_redis_url():
    if os.environ.get("REDIS_URL"):
        assert isinstance(caches["default"], RedisCache)
        assert isinstance(HUEY, RedisHuey)
    else:
        assert type(caches["default"]).__name__ == "LocMemCache"
        assert isinstance(HUEY, SqliteHuey)


def test_cache_round_trip():
    cache.set("tradepost-probe", {"n": 1}, timeout=30)

    assert cache.get("tradepost-probe") == {"n": 1}
