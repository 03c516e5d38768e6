import uuid

import pytest
from django.core.cache import caches

from citytwins import pagecache
from citytwins.environment import redis_database


def pages_cache_config(settings, backend: str, location: str) -> dict:
    if backend == "redis":
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-pages-{uuid.uuid4().hex}",
            "OPTIONS": settings.REDIS_CLIENT_OPTIONS,
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location}


@pytest.fixture
def page_cache_reset():
    """Each test starts with the page cache answering and no change owed to it."""
    pagecache._state.update(paused_until=0.0, change_owed=False)
    yield
    pagecache._state.update(paused_until=0.0, change_owed=False)


@pytest.fixture(params=["redis", "locmem"])
def page_cache(request, settings, page_cache_reset):
    """Anonymous pages kept, in real Redis (as in production) and in local memory (`make run`)."""
    if request.param == "redis":
        location = redis_database(request.getfixturevalue("redis_url"), 1)
    else:
        location = f"pages-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": pages_cache_config(settings, request.param, location),
    }
    settings.PAGE_CACHE_SECONDS = 60
    return caches["pages"]
