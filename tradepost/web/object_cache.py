"""A per-process cache that keeps values as they are, without pickling them.

Django's local-memory cache pickles every value on `set` and unpickles it on every `get`, so each
reader gets its own copy. For values that nobody changes once built — frozen product cards,
rendered HTML, the category tree — the copy is pure cost: a listing page read the tree and two
dozen cards that way on every request. This backend hands out the stored object itself, shared
by the threads of the process. Store only values that are never changed after they are cached.

It is still a Django cache (expiry, size limit, culling, `clear()`), so `caches.all()` empties
it between tests like any other.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class ObjectCache(LocMemCache):
    def validate_key(self, key):
        """Keys are built by this project and never reach memcached: checking each one for
        memcached's limits (a regular expression per key) cost more than the look-up."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._cache[key] + delta
            self._cache[key] = value
            self._cache.move_to_end(key, last=False)
        return value
