"""Meetings on the network's own pages: a twin's, a sector's, and a person's /my/ page."""

import datetime
import re

import pytest
from django.utils import timezone

from events.models import ActionItem, Registration
from events.services.samples import samples_load
from members.models import City, Sector
from tests.factories import EventFactory, events_create

pytestmark = pytest.mark.django_db


def cards(response) -> list[str]:
    return re.findall(r'aria-labelledby="event-([\w-]+)"', response.content.decode())


def test_a_twins_page_lists_its_upcoming_public_meetings_and_its_calendar(client, network):
    border = Sector.objects.get(slug="border-crossing")
    EventFactory(slug="narva-meeting", sectors=[border])
    EventFactory(slug="narva-members", audience="members")
    EventFactory(slug="narva-over", starts_at=timezone.now() - datetime.timedelta(days=2))
    EventFactory(slug="tornio-meeting", host_city=City.objects.get(slug="tornio"))
    response = client.get("/twins/narva-ivangorod/")
    assert cards(response) == ["narva-meeting"]
    content = response.content.decode()
    assert 'href="/events/?twin=narva-ivangorod"' in content
    assert 'href="webcal://127.0.0.1:8000/events/feed.ics?twin=narva-ivangorod"' in content
    assert cards(client.get("/sectors/border-crossing/")) == ["narva-meeting"]
    assert 'href="webcal://127.0.0.1:8000/events/feed.ics?sector=border-crossing"' in (
        client.get("/sectors/border-crossing/").content.decode()
    )


def test_without_meetings_the_pages_say_so(client, network):
    assert (
        "No upcoming meeting is hosted by the twin."
        in client.get("/twins/valka-valga/").content.decode()
    )
    assert "No upcoming meeting in this sector." in client.get("/sectors/culture/").content.decode()


@pytest.mark.parametrize("size", [0, 2000], ids=["demo", "2000 more events"])
@pytest.mark.parametrize(
    # Each page also lists its published projects and practices (the projects app: two queries).
    ("url", "queries"),
    [("/twins/narva-ivangorod/", 12), ("/sectors/border-crossing/", 7)],
)
def test_twin_and_sector_pages_keep_their_query_counts(
    client, network, django_assert_num_queries, size, url, queries
):
    samples_load()
    if size:
        events_create(size, city_slug="narva")
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert len(cards(response)) == (5 if size and "twins" in url else 1)


def test_my_page_lists_my_meetings_and_my_open_action_items(client, meeting, narva_staff):
    other = EventFactory(slug="full", title="A full seminar")
    Registration.objects.create(event=meeting, person=narva_staff, status="confirmed")
    Registration.objects.create(event=other, person=narva_staff, status="waitlisted")
    ActionItem.objects.create(
        event=meeting,
        text="Bring the statistics.",
        owner=narva_staff,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    ActionItem.objects.create(
        event=meeting,
        text="Already done.",
        owner=narva_staff,
        due_on=timezone.localdate(),
        status="done",
    )
    client.force_login(narva_staff)
    content = client.get("/my/").content.decode()
    assert "Joint meeting on border crossing</a>" in content
    assert "A full seminar</a>" in content and "on the wait-list" in content
    assert "Bring the statistics." in content and "overdue" in content
    assert "Already done." not in content
    item = ActionItem.objects.get(text="Bring the statistics.")
    response = client.post(f"/events/action-items/{item.pk}/done/", {"next": "/my/"}, follow=True)
    assert "Marked as done" in response.content.decode()
    assert "Bring the statistics." not in response.content.decode()


def test_my_page_keeps_its_query_count_with_many_meetings(
    client, network, narva_staff, django_assert_num_queries
):
    events = events_create(40)
    Registration.objects.bulk_create(
        Registration(event=event, person=narva_staff, status="confirmed") for event in events
    )
    ActionItem.objects.bulk_create(
        ActionItem(event=event, text="Do it", owner=narva_staff, due_on=timezone.localdate())
        for event in events
    )
    client.force_login(narva_staff)
    # As tests/members/test_my.py counts /my/ without any meeting: the lists add no query.
    with django_assert_num_queries(10):
        assert client.get("/my/").status_code == 200
