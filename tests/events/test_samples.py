"""`load_network --demo` adds sample events from the record, marked "Sample" everywhere."""

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.documents import document_inspect
from events.models import ActionItem, Decision, Event, EventDocument
from events.services.samples import samples_load

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_load_network_demo_adds_the_samples_once(db):
    out = StringIO()
    call_command("load_network", "--demo", stdout=out)
    assert "Samples from Meetings and events: 9 created." in out.getvalue()
    again = StringIO()
    call_command("load_network", "--demo", stdout=again)
    assert "Samples from Meetings and events: 0 created." in again.getvalue()
    assert Event.objects.count() == 3
    assert set(Event.objects.values_list("is_sample", flat=True)) == {True}


def test_one_past_with_minutes_one_upcoming_one_for_members(network):
    samples_load()
    now = timezone.now()
    past = Event.objects.get(slug="sample-general-assembly")
    assert past.ends_at < now and past.host_city.slug == "imatra"
    document = EventDocument.objects.get(event=past)
    with document.file.open("rb") as handle:
        assert document_inspect(handle) == ("pdf", "application/pdf")
    assert Decision.objects.filter(event=past).count() == 3
    assert ActionItem.objects.filter(event=past).count() == 2
    narva = Event.objects.get(slug="sample-joint-meeting-narva")
    assert narva.starts_at > now and narva.audience == "public" and narva.capacity == 30
    assert narva.starts_at.astimezone(narva.zone).hour == 10 and narva.zone.key == "Europe/Tallinn"
    board = Event.objects.get(slug="sample-board-meeting")
    assert board.audience == "members" and board.starts_at > now


def test_samples_are_marked_on_the_pages_in_the_calendar_and_in_the_admin(
    client, network, secretary_client
):
    samples_load()
    listing = client.get("/events/").content.decode()
    card = listing[listing.index('aria-labelledby="event-sample-joint-meeting-narva"') :]
    assert '<span class="badge badge-sample">Sample</span>' in card[: card.index("</article>")]
    page = text_of(client.get("/events/sample-joint-meeting-narva/"))
    assert "Sample" in page
    calendar = client.get("/events/sample-joint-meeting-narva.ics").content.decode()
    assert "(Sample)" in calendar
    admin = secretary_client.get("/admin/events/event/?is_sample__exact=1")
    assert len(admin.context["cl"].result_list) == 3


def test_without_the_record_there_is_nothing_to_host_samples(db):
    assert samples_load() == 0
    assert not Event.objects.exists()
