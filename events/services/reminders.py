"""Reminders the beat sends: of a meeting 7 days and 1 day before, of an action item 3 days
before its due date and once when it is overdue.

Each reminder's outbox key names what it reminds of (and the time or due date it was for), so a
second run of the beat job, or two at once, sends nothing more; a moved meeting or a new due
date earns new reminders. A cancelled meeting sends none.
"""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from citytwins.links import absolute_url, site_url
from citytwins.notifications import Kind, notification_send
from events.models import REMIND_BEFORE, ActionItem, ActionStatus, Event, Registration
from events.services.mail import event_context

# (lead time, name in the key): each meeting's reminders, the nearer one last.
MEETING_REMINDERS = (
    (datetime.timedelta(days=7), "7d"),
    (datetime.timedelta(days=1), "1d"),
)


def meetings_remind(*, now: datetime.datetime) -> int:
    """Remind those confirmed of meetings starting within 7 days (and within 1 day). A reminder
    whose moment passed unseen gives way to the nearer one; someone confirmed after a reminder's
    moment does not get it (their confirmation came later). Returns the emails written."""
    written = 0
    for index, (lead, name) in enumerate(MEETING_REMINDERS):
        nearer = MEETING_REMINDERS[index + 1][0] if index + 1 < len(MEETING_REMINDERS) else None
        events = (
            Event.objects.published()
            .filter(cancelled_at__isnull=True, starts_at__gt=now, starts_at__lte=now + lead)
            .select_related("host_city", "host_twin")
            .order_by("starts_at", "pk")
        )
        if nearer is not None:
            events = events.filter(starts_at__gt=now + nearer)
        for event in events:
            people = [
                registration.person
                for registration in Registration.objects.confirmed()
                .filter(
                    event=event,
                    person__is_active=True,
                    confirmed_at__lte=event.starts_at - lead,
                )
                .select_related("person__city")
            ]
            if not people:
                continue
            with transaction.atomic():
                written += len(
                    notification_send(
                        kind=Kind.MEETING_REMINDER,
                        template="events/email/event_reminder",
                        recipients=people,
                        context={**event_context(event), "lead": name},
                        key=f"event-reminder:{event.uid}:{name}:{event.starts_at:%Y%m%dT%H%M}",
                    )
                )
    return written


def action_items_remind(*, today: datetime.date) -> int:
    """Each open action item's owner: once 3 days (or fewer) before the due date, once after
    it. Returns the reminders sent."""
    sent = 0
    open_items = ActionItem.objects.filter(
        status=ActionStatus.OPEN, owner__isnull=False, owner__is_active=True
    )
    before = open_items.filter(due_on__gte=today, due_on__lte=today + REMIND_BEFORE).filter(
        Q(reminded_before_for__isnull=True) | ~Q(reminded_before_for=F("due_on"))
    )
    overdue = open_items.filter(due_on__lt=today).filter(
        Q(reminded_overdue_for__isnull=True) | ~Q(reminded_overdue_for=F("due_on"))
    )
    for stage, items, field in (
        ("before", before, "reminded_before_for"),
        ("overdue", overdue, "reminded_overdue_for"),
    ):
        for item in items.select_related("owner", "event__host_city"):
            with transaction.atomic():
                # Claim first, so two beat runs at once send one reminder.
                claimed = (
                    ActionItem.objects.filter(pk=item.pk, due_on=item.due_on)
                    .filter(Q(**{f"{field}__isnull": True}) | ~Q(**{field: F("due_on")}))
                    .update(**{field: F("due_on")})
                )
                if not claimed:
                    continue
                notification_send(
                    kind=Kind.ACTION_REMINDER,
                    template=f"events/email/action_item_{stage}",
                    recipients=[item.owner],
                    context={
                        "item": item,
                        "event": item.event,
                        "event_url": site_url(item.event.get_absolute_url()),
                        "my_url": absolute_url("members:my_home"),
                        "days_left": (item.due_on - today).days,
                    },
                    key=f"action-reminder:{item.pk}:{stage}:{item.due_on:%Y%m%d}",
                )
                sent += 1
    return sent


def reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """What the beat job runs: both kinds of reminder."""
    now = now or timezone.now()
    return {
        "meetings": meetings_remind(now=now),
        "action_items": action_items_remind(today=timezone.localdate(now)),
    }
