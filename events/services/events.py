"""An event's life: published and announced to the members, changed, cancelled.

Each email goes through the outbox in the same transaction as the change it tells of, under a
key that makes a repeat (a double click, two secretaries) send nothing.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citytwins.notifications import Kind, Notification, notification_send
from events.calendars import calendar_attachment
from events.models import Event
from events.services.mail import event_context
from events.services.registrations import registered_people, waitlist_fill
from events.times import event_when
from members.models import User

# What a calendar shows of an event: a change raises its SEQUENCE.
CALENDAR_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "online_url",
    "host_city_id",
    "summary",
    "description",
    "audience",
    "kind",
)
# What someone coming needs to hear of: a change emails everyone registered.
NOTICE_FIELDS = {
    "title": gettext_lazy("Title"),
    "when": gettext_lazy("When"),
    "host_city_id": gettext_lazy("City"),
    "venue": gettext_lazy("Venue"),
    "online_url": gettext_lazy("Online link"),
}
# Set by the services below only; an edit in the admin never overwrites them.
LIFECYCLE_FIELDS = ("published_at", "announced_at", "cancelled_at", "cancellation_reason")


class EventRefused(Exception):
    """What the secretary asked cannot be done to this event; the message says why."""


def announcement_recipients(event: Event) -> QuerySet[User]:
    """The network's members (staff of member and partner cities), whatever the audience."""
    return User.objects.members().select_related("city")


def announcement_key(event: Event) -> str:
    return f"event-announcement:{event.uid}"


def _locked(event: Event) -> Event:
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("host_city", "host_twin")
        .get(pk=event.pk)
    )


@transaction.atomic
def event_publish(*, event: Event, by: User) -> Event:
    """Shown on the site from now on; nobody is emailed (event_announce tells the members)."""
    locked = _locked(event)
    if locked.published_at is None:
        locked.published_at = timezone.now()
        locked._history_user = by
        locked.save(update_fields=["published_at", "updated_at"])
    event.published_at = locked.published_at
    return event


@transaction.atomic
def event_announce(*, event: Event, by: User) -> list[Notification]:
    """Publish and tell every member, once: a second announcement sends nothing."""
    locked = _locked(event)
    if locked.is_cancelled:
        raise EventRefused(_("A cancelled event is not announced."))
    if locked.is_over():
        raise EventRefused(_("This event is over: publish it without an announcement."))
    if locked.announced_at is not None:
        return []
    now = timezone.now()
    locked.published_at = locked.published_at or now
    locked.announced_at = now
    locked._history_user = by
    locked.save(update_fields=["published_at", "announced_at", "updated_at"])
    event.published_at, event.announced_at = locked.published_at, locked.announced_at
    return notification_send(
        kind=Kind.MEETING_ANNOUNCEMENT,
        template="events/email/event_announcement",
        recipients=announcement_recipients(locked),
        context=event_context(locked),
        key=announcement_key(locked),
    )


@transaction.atomic
def event_save(*, event: Event, by: User) -> list[Notification]:
    """Save the secretary's edit. A change a calendar shows raises SEQUENCE; a change of time or
    place tells everyone registered (with the updated calendar); more places promote people
    from the wait-list."""
    previous = None
    if event.pk is not None:
        previous = (
            Event.objects.select_for_update(of=("self",))
            .select_related("host_city")
            .filter(pk=event.pk)
            .first()
        )
    changed = []
    if previous is not None:
        for name in LIFECYCLE_FIELDS:
            setattr(event, name, getattr(previous, name))
        changed = [
            name for name in CALENDAR_FIELDS if getattr(previous, name) != getattr(event, name)
        ]
        event.sequence = previous.sequence + (1 if changed else 0)
    event._history_user = by
    event.save()
    if previous is None:
        return []
    rows = []
    notice = _notice_changes(previous, event, changed)
    if notice and event.is_published and not event.is_cancelled and not event.is_over():
        rows = notification_send(
            kind=Kind.MEETING_CHANGE,
            template="events/email/event_changed",
            recipients=registered_people(event),
            context={**event_context(event), "changes": notice},
            key=f"event-change:{event.uid}:{event.sequence}",
            attachments=[calendar_attachment(event)],
        )
    return rows + waitlist_fill(event=event)


def _notice_changes(previous: Event, event: Event, changed: list[str]) -> list[dict]:
    """(what, before, after) for each change someone coming needs to hear of."""
    changes = []
    if "starts_at" in changed or "ends_at" in changed or "host_city_id" in changed:
        before, after = event_when(previous), event_when(event)
        if before != after:
            changes.append({"field": NOTICE_FIELDS["when"], "before": before, "after": after})
    for name in ("title", "host_city_id", "venue", "online_url"):
        if name not in changed:
            continue
        before, after = getattr(previous, name), getattr(event, name)
        if name == "host_city_id":
            before, after = str(previous.host_city), str(event.host_city)
        changes.append({"field": NOTICE_FIELDS[name], "before": before, "after": after})
    return changes


@transaction.atomic
def event_cancel(*, event: Event, reason: str, by: User) -> list[Notification]:
    """Cancelled once, with its reason; everyone registered is told, with a calendar that
    removes it. Reminders stop."""
    locked = _locked(event)
    if locked.is_cancelled:
        return []
    locked.cancelled_at = timezone.now()
    locked.cancellation_reason = reason
    locked.sequence += 1
    locked._history_user = by
    locked.save(update_fields=["cancelled_at", "cancellation_reason", "sequence", "updated_at"])
    for name in ("cancelled_at", "cancellation_reason", "sequence", "updated_at"):
        setattr(event, name, getattr(locked, name))
    if not locked.is_published or locked.is_over():
        return []
    return notification_send(
        kind=Kind.MEETING_CHANGE,
        template="events/email/event_cancelled",
        recipients=registered_people(locked),
        context=event_context(locked),
        key=f"event-cancelled:{locked.uid}",
        attachments=[calendar_attachment(locked)],
    )
