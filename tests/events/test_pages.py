"""The events list and an event's page: what each reader sees, filters, and query counts."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from events.models import ActionItem, Decision, Event
from events.services.events import event_cancel
from events.services.samples import samples_load
from members.models import City, Sector
from tests.factories import EventFactory, events_create

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def listed(response) -> list[str]:
    return re.findall(
        r'<article class="card event-card[^"]*" aria-labelledby="event-([\w-]+)"',
        response.content.decode(),
    )


def test_the_list_shows_upcoming_public_events_soonest_first(client, network):
    EventFactory(slug="later", starts_at=timezone.now() + datetime.timedelta(days=40))
    EventFactory(slug="sooner", starts_at=timezone.now() + datetime.timedelta(days=3))
    EventFactory(slug="over", starts_at=timezone.now() - datetime.timedelta(days=3))
    EventFactory(slug="members", audience="members")
    EventFactory(slug="draft", published_at=None)
    response = client.get("/events/")
    assert response.status_code == 200
    assert listed(response) == ["sooner", "later"]
    assert "2 upcoming events" in text_of(response)
    past = client.get("/events/?when=past")
    assert listed(past) == ["over"]
    assert "1 past event" in text_of(past)


def test_members_see_members_only_events_marked_and_the_secretary_sees_drafts(
    client, network, narva_staff, outsider, secretary
):
    EventFactory(slug="members", audience="members")
    EventFactory(slug="draft", published_at=None)
    client.force_login(outsider)
    assert listed(client.get("/events/")) == []
    client.force_login(narva_staff)
    response = client.get("/events/")
    assert listed(response) == ["members"]
    assert "Members only" in text_of(response)
    client.force_login(secretary)
    response = client.get("/events/")
    assert sorted(listed(response)) == ["draft", "members"]
    assert "Draft: not published" in text_of(response)


def test_filters_by_kind_twin_sector_and_year(client, network):
    culture = Sector.objects.get(slug="culture")
    tornio = City.objects.get(slug="tornio")
    next_year = timezone.localdate().year + 1
    EventFactory(slug="seminar-narva", kind="seminar", sectors=[culture])
    EventFactory(slug="visit-tornio", kind="study_visit", host_city=tornio)
    EventFactory(
        slug="next-year",
        kind="seminar",
        starts_at=datetime.datetime(next_year, 6, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(next_year, 6, 1, 12, tzinfo=datetime.UTC),
    )
    assert sorted(listed(client.get("/events/?kind=seminar"))) == ["next-year", "seminar-narva"]
    by_twin = client.get("/events/?twin=tornio-haparanda")
    assert listed(by_twin) == ["visit-tornio"]
    # The list offers the calendar of what it shows.
    assert 'href="webcal://127.0.0.1:8000/events/feed.ics?twin=tornio-haparanda"' in (
        by_twin.content.decode()
    )
    assert listed(client.get("/events/?sector=culture")) == ["seminar-narva"]
    assert listed(client.get(f"/events/?year={next_year}")) == ["next-year"]
    assert listed(client.get(f"/events/?kind=seminar&year={next_year}")) == ["next-year"]


def test_a_filter_value_that_is_not_valid_is_named_and_ignored(client, network):
    EventFactory(slug="one")
    response = client.get("/events/?kind=party&year=abc&twin=atlantis")
    assert response.status_code == 200
    assert listed(response) == ["one"]
    text = text_of(response)
    assert "Some filters were ignored" in text
    assert "Kind: “party”" in text and "Year: “abc”" in text and "Host twin: “atlantis”" in text


def test_the_list_pages_through_many_events(client, network):
    events_create(45)  # 22 or 23 of them are still to come
    upcoming = Event.objects.upcoming().count()
    response = client.get("/events/")
    assert len(listed(response)) == 20
    assert f"{upcoming} upcoming events" in text_of(response)
    assert "Page 1 of 2" in text_of(response)
    second = client.get("/events/?page=2")
    assert len(listed(second)) == upcoming - 20
    assert client.get("/events/?page=zzz").status_code == 200


def test_an_events_page_says_when_where_and_who_hosts_it(client, meeting, settings):
    settings.SITE_URL = "https://portal.citytwins.net"
    response = client.get("/events/border-crossing-narva/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Joint meeting on border crossing" in text
    assert "10:00–16:00" in text and "(Europe/Tallinn)" in text
    assert "Narva – Ivangorod , in Narva" in text
    assert "Peetri plats 5, Narva" in text
    assert "Open to the public" in text
    content = response.content.decode()
    assert 'href="/events/border-crossing-narva.ics"' in content
    assert 'href="webcal://portal.citytwins.net/events/feed.ics"' in content
    assert 'href="webcal://portal.citytwins.net/events/feed.ics?twin=narva-ivangorod"' in content


def test_a_cancelled_event_says_so_and_why(client, meeting, secretary):
    event_cancel(event=meeting, reason="The border crossing is closed for repairs.", by=secretary)
    text = text_of(client.get("/events/border-crossing-narva/"))
    assert "This event is cancelled. The border crossing is closed for repairs." in text
    assert "Register" not in text


def test_a_members_only_event_is_404_to_everyone_else(
    client, members_meeting, outsider, narva_staff
):
    assert client.get("/events/board-meeting/").status_code == 404
    client.force_login(outsider)
    assert client.get("/events/board-meeting/").status_code == 404
    client.force_login(narva_staff)
    response = client.get("/events/board-meeting/")
    assert response.status_code == 200
    assert "Members of the network only" in text_of(response)


def test_a_draft_is_404_but_the_secretary_previews_it(client, network, secretary):
    EventFactory(slug="draft", published_at=None)
    assert client.get("/events/draft/").status_code == 404
    client.force_login(secretary)
    assert "Draft: not published" in text_of(client.get("/events/draft/"))


def test_decisions_and_action_items_are_for_members(client, meeting, narva_staff, tornio_staff):
    Decision.objects.create(event=meeting, text="Open a joint help desk at the crossing.")
    ActionItem.objects.create(
        event=meeting,
        text="Draft the help desk's budget.",
        owner=narva_staff,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert "joint help desk" not in text_of(client.get("/events/border-crossing-narva/"))
    client.force_login(tornio_staff)
    text = text_of(client.get("/events/border-crossing-narva/"))
    assert "Open a joint help desk at the crossing." in text
    assert "Draft the help desk's budget. Olga" in text and "overdue" in text
    assert "Mark done" not in text  # not Liisa's
    client.force_login(narva_staff)
    response = client.get("/events/border-crossing-narva/")
    assert "Mark done" in text_of(response)
    item = ActionItem.objects.get()
    done = client.post(
        f"/events/action-items/{item.pk}/done/", {"next": "/events/border-crossing-narva/"}
    )
    assert done["Location"] == "/events/border-crossing-narva/"
    item.refresh_from_db()
    assert item.status == "done" and item.completed_at is not None
    assert item.history.first().history_user == narva_staff


def test_only_its_owner_marks_an_action_item_done(client, meeting, narva_staff, tornio_staff):
    item = ActionItem.objects.create(
        event=meeting, text="Book the hall.", owner=narva_staff, due_on=timezone.localdate()
    )
    client.force_login(tornio_staff)
    assert client.post(f"/events/action-items/{item.pk}/done/").status_code == 404
    item.refresh_from_db()
    assert item.status == "open"
    client.force_login(narva_staff)
    response = client.post(
        f"/events/action-items/{item.pk}/done/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/my/"


# A fixed number of queries at the demo's size and with 2,000 more events.

PAGES = {
    "/events/": 7,
    "/events/?when=past&kind=general_assembly": 7,
    "/events/sample-joint-meeting-narva/": 4,
    "/events/sample-joint-meeting-narva.ics": 1,
    "/events/feed.ics": 1,
    "/events/feed.ics?twin=narva-ivangorod&sector=border-crossing": 3,
}


@pytest.mark.parametrize("size", [0, 2000], ids=["demo", "2000 more events"])
@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_pages_run_a_fixed_number_of_queries(
    client, network, django_assert_num_queries, size, url, queries
):
    samples_load()
    if size:
        events_create(size)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
