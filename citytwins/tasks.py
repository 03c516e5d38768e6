"""The project's Celery tasks: the outbox's delivery (defined with the outbox), its sweepers, and
housekeeping."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from citytwins.outbox import notifications_deliver, overdue_requeue, stuck_release

__all__ = [
    "notifications_deliver",
    "notifications_release_stuck",
    "notifications_requeue_overdue",
    "sessions_clear_expired",
]


@shared_task(ignore_result=True)
def notifications_requeue_overdue() -> int:
    """Beat, every minute: rows left pending (their task never reached the broker) go again."""
    return overdue_requeue()


@shared_task(ignore_result=True)
def notifications_release_stuck() -> int:
    """Beat: rows held by a task that is gone for good go out again."""
    return stuck_release()


@shared_task(ignore_result=False)
def sessions_clear_expired() -> int:
    """Daily: drop sessions past their expiry so the table does not grow without bound."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
