from celery import shared_task
from django.utils import timezone

from projects.services.digest import funding_digest_send


@shared_task
def funding_digest_weekly() -> int:
    """Weekly: members hear of the funding calls closing within 30 days, once per week."""
    return len(funding_digest_send(now=timezone.now()))
