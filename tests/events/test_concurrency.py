"""Registrations at the same moment, on PostgreSQL, from real threads with their own
connections: the row lock on the event makes counting and taking a place one step."""

import threading

import pytest
from django.db import connection

from citytwins.models import Kind, Notification
from events.models import Registration, RegistrationStatus
from events.services.registrations import registration_cancel, registration_create
from members.models import City
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def at_once(work, arguments) -> list:
    """Run work(argument) in one thread each, released together; return what each raised."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait(timeout=30)
            work(argument)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_twenty_people_at_once_for_five_places_leave_five_confirmed_and_fifteen_waiting(
    postgresql, network
):
    event = EventFactory(slug="five-places", capacity=5)
    narva = City.objects.get(slug="narva")
    people = [UserFactory(email=f"rush{n}@narva.ee", city=narva, language="en") for n in range(20)]

    errors = at_once(lambda person: registration_create(event=event, person=person), people)

    assert errors == []
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 5
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 15
    assert registrations.count() == 20
    # Everyone heard once, with the right news.
    rows = Notification.objects.filter(kind=Kind.REGISTRATION)
    assert rows.count() == 20
    assert rows.filter(subject__contains="You are registered").count() == 5
    assert rows.filter(subject__contains="On the wait-list").count() == 15


def test_the_same_person_pressing_register_five_times_at_once_has_one_registration(
    postgresql, network
):
    event = EventFactory(slug="double-click", capacity=5)
    person = UserFactory(email="eager@narva.ee", city=City.objects.get(slug="narva"), language="en")

    errors = at_once(lambda _: registration_create(event=event, person=person), range(5))

    assert errors == []
    assert Registration.objects.filter(event=event, person=person).count() == 1
    assert Notification.objects.filter(kind=Kind.REGISTRATION).count() == 1


def test_two_cancellations_at_once_promote_two_different_people_once_each(postgresql, network):
    event = EventFactory(slug="two-leave", capacity=2)
    narva = City.objects.get(slug="narva")
    people = [UserFactory(email=f"queue{n}@narva.ee", city=narva, language="en") for n in range(5)]
    for person in people:
        registration_create(event=event, person=person)
    leaving = list(Registration.objects.filter(event=event, person__in=people[:2]))

    errors = at_once(
        lambda registration: registration_cancel(registration=registration, by=registration.person),
        leaving,
    )

    assert errors == []
    status = dict(Registration.objects.filter(event=event).values_list("person__email", "status"))
    assert [status[person.email] for person in people] == [
        "cancelled",
        "cancelled",
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    promoted = Notification.objects.filter(subject__contains="A place freed")
    assert sorted(promoted.values_list("address", flat=True)) == [
        people[2].email,
        people[3].email,
    ]
