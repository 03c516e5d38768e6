"""Redis cache that degrades instead of failing the request when Redis is down or silent."""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

# After a failure the cache is skipped for this long, so one request pays at most one timeout.
PAUSE_SECONDS = 5.0


class ResilientRedisCache(RedisCache):
    """A miss, not a 500: reads return the default and writes are dropped while Redis is away."""

    _paused_until = 0.0

    def _call(self, name, default, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._paused_until:
            return default
        try:
            return getattr(super(), name)(*args, **kwargs)
        except (ConnectionError, TimeoutError):
            ResilientRedisCache._paused_until = time.monotonic() + PAUSE_SECONDS
            logger.warning("cache unavailable; continuing without it", exc_info=True)
            return default

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def set(self, key, value, timeout=None, version=None):
        return self._call("set", None, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def add(self, key, value, timeout=None, version=None):
        # Pretend the key was free: allauth takes a failed add as a held lock and answers 429.
        return self._call("add", True, key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", None, key, delta, version)

    def clear(self):
        return self._call("clear", None)
