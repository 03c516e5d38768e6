"""Synthetic events of the synthetic network (`manage.py generate_network`).

Meetings hosted by a twin in one of its cities, at a local time of day on that city's clock,
three years back to a year ahead; most published, a few cancelled; registrations by the network's
staff, confirmed up to the places there are and wait-listed past them. Deterministic and idempotent
like the network: each event's slug ends in its number, and existing slugs are skipped.
"""

import datetime
import random
import uuid
import zoneinfo

from django.utils import timezone
from django.utils.text import slugify

from events.models import Event, EventAudience, EventKind, Registration, RegistrationStatus
from members.models import fold
from members.synthetic import Network, Progress, bulk_insert, no_progress

KIND_WEIGHTS = {
    EventKind.JOINT_MEETING: 30,
    EventKind.SEMINAR: 25,
    EventKind.STUDY_VISIT: 15,
    EventKind.EXCHANGE: 15,
    EventKind.BOARD_MEETING: 10,
    EventKind.GENERAL_ASSEMBLY: 5,
}
THEMES = [
    "border crossing", "health services", "schools and languages", "tourism", "the labour market",
    "culture", "youth", "public transport", "rescue services", "the environment",
]  # fmt: skip


def _event_plan(rng: random.Random, number: int, network: Network, cities_of: dict) -> Event:
    twin = rng.choice(network.twins)
    city = rng.choice(cities_of[twin.pk])
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    title = f"{kind.label} on {rng.choice(THEMES)} in {city.name}"
    zone = zoneinfo.ZoneInfo(city.time_zone)
    day = timezone.localdate() + datetime.timedelta(days=rng.randint(-3 * 365, 365))
    starts_at = datetime.datetime.combine(
        day, datetime.time(rng.choice([9, 10, 13, 14]), rng.choice([0, 30])), tzinfo=zone
    )
    days = 1 if kind in (EventKind.BOARD_MEETING, EventKind.JOINT_MEETING) else rng.randint(1, 3)
    ends_at = starts_at + datetime.timedelta(days=days - 1, hours=rng.randint(2, 7))
    published = rng.random() < 0.9
    created = starts_at - datetime.timedelta(days=rng.randint(20, 120))
    event = Event(
        uid=uuid.UUID(int=rng.getrandbits(128), version=4),
        title=title,
        slug=f"{slugify(fold(title))[:80].strip('-')}-{number}",
        kind=kind,
        host_twin=twin,
        host_city=city,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=f"Town hall\n{city.name}" if rng.random() < 0.8 else "",
        online_url=f"https://meet.{city.slug}.example/{number}" if rng.random() < 0.3 else "",
        summary=f"The twins meet in {city.name} to talk about {rng.choice(THEMES)}.",
        audience=EventAudience.MEMBERS
        if kind == EventKind.BOARD_MEETING or rng.random() < 0.15
        else EventAudience.PUBLIC,
        capacity=rng.choice([None, None, 20, 30, 40, 60, 100]),
        published_at=created if published else None,
        announced_at=created if published and rng.random() < 0.8 else None,
    )
    if published and rng.random() < 0.03:
        event.cancelled_at = created + datetime.timedelta(days=5)
        event.cancellation_reason = "The host city could not hold the meeting on these dates."
    event._history_date = created
    return event


def events_generate(
    *, network: Network, events: int, seed: int, progress: Progress = no_progress
) -> dict[str, int]:
    """`events` events hosted by the network's twins, and their registrations."""
    if not network.twins:
        return {"events": 0, "registrations": 0}
    rng = random.Random(f"{seed}:events")
    cities_of: dict[int, list] = {}
    for city in network.cities:
        cities_of.setdefault(city.twin_id, []).append(city)
    planned = [_event_plan(rng, number, network, cities_of) for number in range(1, events + 1)]
    existing = set(Event.objects.values_list("slug", flat=True))
    new = [event for event in planned if event.slug not in existing]
    bulk_insert(Event, new, progress=progress, label="events", history=True)
    through = Event.sectors.through
    ticks = [
        through(event_id=event.pk, sector_id=sector.pk)
        for event in new
        for sector in rng.sample(network.sectors, rng.randint(1, 2))
    ]
    bulk_insert(through, ticks, progress=progress, label="event sectors")
    registrations = registrations_plan(new, network, seed)
    bulk_insert(Registration, registrations, progress=progress, label="registrations")
    return {"events": len(new), "registrations": len(registrations)}


def registrations_plan(events: list[Event], network: Network, seed: int) -> list[Registration]:
    """Staff register in turn: confirmed while places are left, then wait-listed; some cancel,
    which frees no place here (a cancelled row is history, not a seat)."""
    rng = random.Random(f"{seed}:registrations")
    people = [person for person in network.staff if person.is_active]
    rows = []
    for event in events:
        if event.published_at is None or not people:
            continue
        wanted = min(rng.randint(0, 45), len(people))
        confirmed = 0
        registered_at = event.published_at
        for person in rng.sample(people, wanted):
            registered_at += datetime.timedelta(minutes=rng.randint(5, 600))
            if rng.random() < 0.05:
                status = RegistrationStatus.CANCELLED
            elif event.capacity is None or confirmed < event.capacity:
                status = RegistrationStatus.CONFIRMED
                confirmed += 1
            else:
                status = RegistrationStatus.WAITLISTED
            rows.append(
                Registration(
                    key=uuid.UUID(int=rng.getrandbits(128), version=4),
                    event=event,
                    person=person,
                    status=status,
                    registered_at=registered_at,
                    confirmed_at=registered_at if status == RegistrationStatus.CONFIRMED else None,
                    cancelled_at=registered_at if status == RegistrationStatus.CANCELLED else None,
                )
            )
    return rows
