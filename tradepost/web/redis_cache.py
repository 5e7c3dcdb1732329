"""Django's Redis cache, with one Redis client per connection pool instead of one per command.

django.core.cache.backends.redis builds a new `redis.Redis` for every cache operation, and
redis-py's constructor fills a table of ~170 response callbacks each time: on a search page
(rate-limit counter, rates, cached catalog reads) that was more CPU than the round trips. A
`redis.Redis` over a connection pool is safe to share between threads; connections are still
taken from, and returned to, the pool per command.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
