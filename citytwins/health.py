"""What /healthz reports: each part the portal depends on, checked with a short deadline.

It is answered before host validation (HealthCheckMiddleware comes first), so a container's or a
load balancer's probe gets an answer whatever Host it sends, and nothing logs it as an error.
"""

import logging

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

OK = "ok"
UNUSED = "unused"
PATH = "/healthz"


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


def static_check() -> str:
    """Pages name their static files through the manifest `collectstatic` writes (production):
    without it every page answers 500. The manifest is read once per process, so this reports
    what this process's pages will do."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return UNUSED
    if not staticfiles_storage.hashed_files or not staticfiles_storage.exists(
        staticfiles_storage.manifest_name
    ):
        return "failed: no staticfiles manifest in STATIC_ROOT (run collectstatic, then restart)"
    return OK


def health_report() -> dict[str, str]:
    """Cache and broker share one Redis server (in two databases), so one ping answers for both."""
    redis = redis_check(settings.REDIS_URL)
    return {"database": database_check(), "cache": redis, "broker": redis, "static": static_check()}


@never_cache
@require_safe
def healthz(request):
    """200 when every part in use answers; 503 naming the part that does not."""
    checks = health_report()
    failing = sorted(name for name, state in checks.items() if state not in (OK, UNUSED))
    response = JsonResponse(
        {"status": "failing" if failing else "ok", "checks": checks},
        status=503 if failing else 200,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if failing:
        # A probe asks every few seconds: one warning naming the parts, not an error per probe.
        logger.warning("health check failing: %s", ", ".join(failing))
        response._has_been_logged = True
    return response


class HealthCheckMiddleware:
    """First in the stack: /healthz is answered before anything reads the Host header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
