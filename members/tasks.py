from celery import shared_task
from django.utils import timezone

from members.services.reminders import profiles_remind_stale


@shared_task
def profiles_remind_stale_daily() -> int:
    """Daily: staff of a profile unconfirmed for six months get one reminder per period."""
    return profiles_remind_stale(now=timezone.now())
