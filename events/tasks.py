from celery import shared_task

from events.services.reminders import reminders_send


@shared_task(ignore_result=True)
def events_remind() -> dict[str, int]:
    """Beat, every 15 minutes: meeting reminders (7 days, 1 day) and action items' (3 days
    before, overdue); each is sent once however often this runs."""
    return reminders_send()
