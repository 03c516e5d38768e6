"""The Nu HTML checker finds no error on the events pages, as anyone and as a member reads them,
nor on the pages that show meetings (home, a twin's, a sector's, /my/)."""

import pytest

from events.models import ActionItem, Registration
from events.services.samples import samples_load
from tests.test_html_checker import html_errors, rendered

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/events/",
    "/events/?when=past",
    "/events/?kind=party&year=abc&twin=narva-ivangorod",
    "/events/sample-joint-meeting-narva/",
    "/events/sample-general-assembly/",
    "/twins/narva-ivangorod/",
    "/sectors/border-crossing/",
]
MEMBERS = [
    "/",
    "/events/sample-joint-meeting-narva/",
    "/events/sample-general-assembly/",
    "/events/sample-board-meeting/",
    "/my/",
]


def test_the_html_checker_passes_on_the_events_pages(client, network, narva_staff, tmp_path):
    samples_load()
    pages = {path: rendered(client, path) for path in PUBLIC}
    ActionItem.objects.filter(status="open").update(owner=narva_staff)
    Registration.objects.create(
        event_id=ActionItem.objects.values_list("event_id", flat=True).first(),
        person=narva_staff,
        status="confirmed",
    )
    client.force_login(narva_staff)
    client.post("/events/sample-joint-meeting-narva/register/")  # a message on the next page
    pages |= {f"{path} (member)": rendered(client, path) for path in MEMBERS}
    assert "Mark done" in pages["/my/ (member)"]
    assert "You are registered." in pages["/events/sample-joint-meeting-narva/ (member)"]
    # A folder of its own: the documents of this test live under tmp_path too.
    (tmp_path / "html").mkdir()
    assert html_errors(pages, tmp_path / "html") == []


def test_the_header_marks_the_events_pages(client, network):
    samples_load()
    for path in ["/events/", "/events/sample-joint-meeting-narva/"]:
        assert '<a href="/events/" aria-current="page">Events</a>' in rendered(client, path)
    assert 'aria-current="page">Events' not in rendered(client, "/twins/")
