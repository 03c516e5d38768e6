"""The project's Celery tasks: the outbox's delivery (defined with the outbox), its sweeper, and
housekeeping."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from citytwins.outbox import notifications_deliver, sweep

__all__ = [
    "notifications_deliver",
    "notifications_sweep",
    "sessions_clear_expired",
]


@shared_task(ignore_result=True)
def notifications_sweep() -> dict[str, int]:
    """Beat, every minute: rows whose worker is gone (lease run out) and rows whose next attempt
    has come (retries, tasks lost before reaching the broker) go out."""
    return sweep()


@shared_task(ignore_result=False)
def sessions_clear_expired() -> int:
    """Daily: drop sessions past their expiry so the table does not grow without bound."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
