"""Registration: places, the wait-list, cancellation and promotion, and who is told."""

import datetime

import pytest
from django.utils import timezone

from citytwins.models import Kind, Notification
from events.models import Registration, RegistrationStatus
from events.services.registrations import (
    RegistrationRefused,
    registration_cancel,
    registration_create,
    waitlist_position,
)
from members.models import City
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(network):
    # They read English (Narva's default is Estonian): the emails checked are the source.
    narva = City.objects.get(slug="narva")
    return [UserFactory(email=f"person{n}@narva.ee", city=narva, language="en") for n in range(8)]


def statuses(event) -> dict[str, str]:
    return {
        registration.person.email: registration.status
        for registration in Registration.objects.filter(event=event).select_related("person")
    }


def test_places_then_the_wait_list_in_order(meeting, people):
    for person in people[:7]:
        registration_create(event=meeting, person=person)
    found = statuses(meeting)
    assert [found[person.email] for person in people[:7]] == ["confirmed"] * 5 + ["waitlisted"] * 2
    sixth = Registration.objects.get(event=meeting, person=people[5])
    seventh = Registration.objects.get(event=meeting, person=people[6])
    assert (waitlist_position(sixth), waitlist_position(seventh)) == (1, 2)


def test_registering_twice_is_one_registration_and_one_email(meeting, people, mailoutbox):
    first = registration_create(event=meeting, person=people[0])
    again = registration_create(event=meeting, person=people[0])
    assert first.pk == again.pk
    assert Registration.objects.filter(event=meeting).count() == 1
    assert Notification.objects.filter(kind=Kind.REGISTRATION).count() == 1


def test_the_confirmation_carries_the_calendar_and_the_secretary_is_told(
    meeting, people, secretary, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=meeting, person=people[0])
    to_person = next(m for m in mailoutbox if m.to == [people[0].email])
    assert "You are registered" in to_person.subject
    [(filename, content, mimetype)] = to_person.attachments
    assert filename == "border-crossing-narva.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "Europe/Tallinn" in content
    assert "10:00–16:00" in to_person.body and "(Europe/Tallinn)" in to_person.body
    assert "Where: Peetri plats 5, Narva\n" in to_person.body
    to_secretary = next(m for m in mailoutbox if m.to == [secretary.email])
    assert people[0].email in to_secretary.body
    assert "1 of 5 places taken" in to_secretary.body
    assert "/admin/events/registration/?event__id__exact=" in to_secretary.body


def test_the_wait_listed_are_told_their_place_without_a_calendar(meeting, people, mailoutbox):
    for person in people[:6]:
        registration_create(event=meeting, person=person)
    row = Notification.objects.get(kind=Kind.REGISTRATION, address=people[5].email)
    assert "number 1 on the wait-list" in row.text
    assert row.attachments == []


def test_a_cancellation_promotes_the_first_on_the_wait_list_and_mails_them_once(
    meeting, people, django_capture_on_commit_callbacks, mailoutbox
):
    for person in people[:7]:
        registration_create(event=meeting, person=person)
    mailoutbox.clear()
    leaving = Registration.objects.get(event=meeting, person=people[2])
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=leaving, by=people[2])
        registration_cancel(registration=leaving, by=people[2])  # a double click
    found = statuses(meeting)
    assert found[people[2].email] == "cancelled"
    assert found[people[5].email] == "confirmed"
    assert found[people[6].email] == "waitlisted"
    assert [message.to for message in mailoutbox] == [[people[5].email]]
    assert "A place freed" in mailoutbox[0].subject
    assert mailoutbox[0].attachments[0][0] == "border-crossing-narva.ics"
    assert waitlist_position(Registration.objects.get(person=people[6])) == 1


def test_cancelling_from_the_wait_list_promotes_nobody(meeting, people, mailoutbox):
    for person in people[:7]:
        registration_create(event=meeting, person=person)
    Notification.objects.all().delete()
    waiting = Registration.objects.get(event=meeting, person=people[5])
    registration_cancel(registration=waiting, by=people[5])
    assert statuses(meeting)[people[6].email] == "waitlisted"
    assert not Notification.objects.exists()


def test_registering_again_after_cancelling_goes_to_the_end_of_the_queue(meeting, people):
    for person in people[:6]:
        registration_create(event=meeting, person=person)
    first = Registration.objects.get(event=meeting, person=people[0])
    registration_cancel(registration=first, by=people[0])  # people[5] takes the place
    again = registration_create(event=meeting, person=people[0])
    assert again.pk == first.pk
    assert again.status == RegistrationStatus.WAITLISTED
    assert Notification.objects.filter(kind=Kind.REGISTRATION, address=people[0].email).count() == 2


def test_more_places_promote_from_the_wait_list(meeting, people, secretary):
    from events.services.events import event_save

    for person in people[:7]:
        registration_create(event=meeting, person=person)
    meeting.capacity = 6
    event_save(event=meeting, by=secretary)
    found = statuses(meeting)
    assert found[people[5].email] == "confirmed" and found[people[6].email] == "waitlisted"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cancelled_at": timezone.now()}, "This event is cancelled."),
        ({"published_at": None}, "This event is not published yet."),
        (
            {"registration_opens_at": timezone.now() + datetime.timedelta(days=1)},
            "Registration has not opened yet.",
        ),
        (
            {"registration_closes_at": timezone.now() - datetime.timedelta(minutes=1)},
            "Registration is closed.",
        ),
    ],
)
def test_registration_is_refused_outside_its_window(meeting, people, change, message):
    for name, value in change.items():
        setattr(meeting, name, value)
    meeting.save()
    with pytest.raises(RegistrationRefused, match=message):
        registration_create(event=meeting, person=people[0])
    assert not Registration.objects.exists()


def test_a_started_event_takes_no_registrations(network, people):
    started = EventFactory(starts_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(RegistrationRefused, match="closed"):
        registration_create(event=started, person=people[0])


def test_a_members_only_event_refuses_someone_who_is_not_a_member(members_meeting, outsider):
    with pytest.raises(RegistrationRefused, match="members of the network only"):
        registration_create(event=members_meeting, person=outsider)


# The pages


def test_a_member_registers_and_cancels_from_the_events_page(client, meeting, narva_staff):
    client.force_login(narva_staff)
    page = client.get("/events/border-crossing-narva/").content.decode()
    assert "0 of 5 places taken" in page
    assert 'action="/events/border-crossing-narva/register/"' in page

    response = client.post("/events/border-crossing-narva/register/", follow=True)
    assert "You are registered." in response.content.decode()
    assert "1 of 5 places taken" in response.content.decode()
    assert Registration.objects.get(person=narva_staff).status == "confirmed"

    response = client.post("/events/border-crossing-narva/cancel-registration/", follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    assert Registration.objects.get(person=narva_staff).status == "cancelled"
    # Nothing left to cancel: 404, and nothing changes.
    assert client.post("/events/border-crossing-narva/cancel-registration/").status_code == 404


def test_a_full_event_offers_the_wait_list_and_names_the_place_in_it(
    client, meeting, people, narva_staff
):
    for person in people[:5]:
        registration_create(event=meeting, person=person)
    client.force_login(narva_staff)
    page = client.get("/events/border-crossing-narva/").content.decode()
    assert "Join the wait-list" in page
    response = client.post("/events/border-crossing-narva/register/", follow=True)
    content = response.content.decode()
    assert "you are number 1 on the wait-list" in content
    assert "You are number 1 on the wait-list." in content
    assert "Leave the wait-list" in content


def test_a_refusal_is_a_notice_not_an_error_page(client, meeting, narva_staff):
    meeting.registration_closes_at = timezone.now() - datetime.timedelta(days=1)
    meeting.save()
    client.force_login(narva_staff)
    response = client.post("/events/border-crossing-narva/register/", follow=True)
    assert response.status_code == 200
    assert "Registration is closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in_and_cannot_register(client, meeting):
    page = client.get("/events/border-crossing-narva/").content.decode()
    assert "Sign in to register" in page
    assert "/accounts/login/?next=/events/border-crossing-narva/" in page
    response = client.post("/events/border-crossing-narva/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_someone_who_may_not_see_a_members_only_event_gets_404_and_nothing_is_written(
    client, members_meeting, outsider
):
    client.force_login(outsider)
    assert client.post("/events/board-meeting/register/").status_code == 404
    assert not Registration.objects.exists()
