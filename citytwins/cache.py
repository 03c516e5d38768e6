"""The default cache: Redis, and while Redis is down or silent, this process's own memory.

Rate limits (allauth's and ours) count in the default cache. Answering "miss" while Redis is away
would switch them off (fail open: every wrong password checked, every message accepted). Instead
every operation goes to a local-memory cache for as long as Redis is away, so each process keeps
counting on its own (fail closed), and returns to Redis once it answers again. Counts made
meanwhile stay in the process that made them.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

# After a failure Redis is left alone for this long, so a request pays at most one timeout.
PAUSE_SECONDS = 5.0
# Room for the counters of an attack while Redis is away (local memory culls beyond this).
FALLBACK_MAX_ENTRIES = 100_000


class ResilientRedisCache(RedisCache):
    """Redis while it answers; this process's memory while it does not. Never a 500, never a
    pretended miss."""

    # Per Redis server, per process: when to try Redis again.
    _paused_until: dict[str, float] = {}

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = str(server)
        self._fallback = LocMemCache(
            f"citytwins.cache.fallback:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )

    @property
    def redis_paused(self) -> bool:
        return time.monotonic() < self._paused_until.get(self._location, 0.0)

    def _call(self, name: str, *args, **kwargs):
        if not self.redis_paused:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except (ConnectionError, TimeoutError):
                self._paused_until[self._location] = time.monotonic() + PAUSE_SECONDS
                logger.warning("cache: Redis unavailable; counting in this process meanwhile")
        return getattr(self._fallback, name)(*args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def clear(self):
        return self._call("clear")
