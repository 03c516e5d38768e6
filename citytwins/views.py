from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from citytwins.health import OK, UNUSED, health_report


@require_safe
def home(request):
    return render(request, "citytwins/home.html")


@never_cache
@require_safe
def healthz(request):
    """200 when every part in use answers; 503 naming the part that does not."""
    checks = health_report()
    healthy = all(state in (OK, UNUSED) for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    # No context processors that might touch the database: the error may be the database.
    return render(request, "500.html", status=500)
