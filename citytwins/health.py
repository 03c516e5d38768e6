"""What /healthz reports: each part the portal depends on, checked with a short deadline."""

from django.conf import settings
from django.db import connection
from redis import Redis
from redis.exceptions import RedisError

OK = "ok"
UNUSED = "unused"


def database_check() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver's failure is a failed check, not a 500
        return f"failed: {type(error).__name__}"
    return OK


def redis_check(url: str) -> str:
    if not url:
        return UNUSED
    client = Redis.from_url(url, **settings.REDIS_CLIENT_OPTIONS)
    try:
        client.ping()
    except RedisError as error:
        return f"failed: {type(error).__name__}"
    finally:
        client.close()
    return OK


def health_report() -> dict[str, str]:
    """Cache and broker share one Redis server (in two databases), so one ping answers for both."""
    redis = redis_check(settings.REDIS_URL)
    return {"database": database_check(), "cache": redis, "broker": redis}
