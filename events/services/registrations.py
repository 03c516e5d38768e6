"""Registration: a place while there is one, the wait-list after, promotion when one frees.

Every change to an event's registrations happens while its row is locked (SELECT … FOR UPDATE on
PostgreSQL; SQLite writes one at a time), so counting the confirmed places and taking one is a
single step however many people press "Register" at once. One row per person and event is
also a database constraint.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citytwins.notifications import Kind, Notification, notification_send
from events.calendars import calendar_attachment
from events.models import (
    ACTIVE_STATUSES,
    Event,
    Registration,
    RegistrationStatus,
    reads_as_member,
)
from events.services.mail import event_context
from members.models import User
from members.services.secretariat import secretariat_recipients

REFUSALS = {
    "cancelled": _("This event is cancelled."),
    "draft": _("This event is not published yet."),
    "not_yet": _("Registration has not opened yet."),
    "closed": _("Registration is closed."),
    "members": _("This event is for members of the network only."),
}


class RegistrationRefused(Exception):
    """Registration is not possible now; the message says why, for the person to read."""


def registered_people(event: Event) -> QuerySet[User]:
    """Everyone still coming or waiting: they hear of changes and cancellation (with their
    city, which names the language they read)."""
    return User.objects.filter(
        is_active=True,
        event_registrations__event=event,
        event_registrations__status__in=ACTIVE_STATUSES,
    ).select_related("city")


def waitlist_position(registration: Registration) -> int:
    """1 for the first on the wait-list."""
    earlier = Q(registered_at__lt=registration.registered_at) | Q(
        registered_at=registration.registered_at, pk__lt=registration.pk
    )
    ahead = (
        Registration.objects.waitlisted().filter(earlier, event_id=registration.event_id).count()
    )
    return ahead + 1


def _registration_key(registration: Registration) -> str:
    """One per request for a place: registering again after cancelling is a new request."""
    return f"{registration.key}:{registration.registered_at:%Y%m%dT%H%M%S%f}"


def _event_locked(event: Event) -> Event:
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("host_city", "host_twin")
        .get(pk=event.pk)
    )


def registration_create(*, event: Event, person: User) -> Registration:
    """A confirmed place while the event has one, else the end of the wait-list. Registering
    twice is one registration; the person and the secretary are told once."""
    try:
        with transaction.atomic():
            return _registration_create(event=event, person=person)
    except IntegrityError:
        # Only when the lock is not there to serialise (a database without row locks): the
        # other request made the row, so this one has nothing left to do.
        return Registration.objects.get(event=event, person=person)


def _registration_create(*, event: Event, person: User) -> Registration:
    locked = _event_locked(event)
    state = locked.registration_state()
    if state != "open":
        raise RegistrationRefused(REFUSALS[state])
    if locked.is_members_only and not reads_as_member(person):
        raise RegistrationRefused(REFUSALS["members"])
    registration = Registration.objects.filter(event=locked, person=person).first()
    if registration is not None and registration.status in ACTIVE_STATUSES:
        return registration
    confirmed = locked.registrations.confirmed().count()
    has_place = locked.capacity is None or confirmed < locked.capacity
    now = timezone.now()
    registration = registration or Registration(event=locked, person=person)
    registration.status = (
        RegistrationStatus.CONFIRMED if has_place else RegistrationStatus.WAITLISTED
    )
    registration.registered_at = now
    registration.confirmed_at = now if has_place else None
    registration.cancelled_at = None
    registration.save()
    registration.event = locked

    context = {**event_context(locked), "registration": registration, "person": person}
    if has_place:
        notification_send(
            kind=Kind.REGISTRATION,
            template="events/email/registration_confirmed",
            recipients=[person],
            context=context,
            key=f"registration:{_registration_key(registration)}",
            attachments=[calendar_attachment(locked)],
        )
    else:
        notification_send(
            kind=Kind.REGISTRATION,
            template="events/email/registration_waitlisted",
            recipients=[person],
            context={**context, "position": waitlist_position(registration)},
            key=f"registration:{_registration_key(registration)}",
        )
    counts = locked.registrations.counts()
    notification_send(
        kind=Kind.REGISTRATION_NOTICE,
        template="events/email/registration_notice",
        recipients=secretariat_recipients(),
        context={**context, **counts},
        key=f"registration-notice:{_registration_key(registration)}",
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> Registration:
    """The person (or the secretary) gives up the place; the first on the wait-list gets it
    and is told once."""
    locked = _event_locked(registration.event)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        return current
    current.status = RegistrationStatus.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at", "updated_at"])
    waitlist_fill(event=locked)
    return current


def waitlist_fill(*, event: Event) -> list[Notification]:
    """Promote from the wait-list, first come first, while there are free places; each promoted
    person is told once, with the calendar. The caller holds the event's row lock."""
    if event.is_cancelled or event.is_over() or not event.is_published:
        return []
    waiting = event.registrations.waitlisted().select_related("person")
    if event.capacity is not None:
        free = event.capacity - event.registrations.confirmed().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    rows = []
    for registration in list(waiting):
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        rows += notification_send(
            kind=Kind.REGISTRATION,
            template="events/email/registration_promoted",
            recipients=[registration.person],
            context={**event_context(event), "registration": registration},
            key=f"registration-promoted:{_registration_key(registration)}",
            attachments=[calendar_attachment(event)],
        )
    return rows
