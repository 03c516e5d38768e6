"""Nobody outside the network reads a members-only event or its documents, whatever URL they try:
anonymous visitors and staff of a city that is not a member (here Český Těšín, prospective) get
404, the sign-in page or "method not allowed", never the content, and nothing is written."""

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver

from events.models import ActionItem, EventDocument, Registration
from events.services.samples import minutes_pdf
from tests.factories import EventFactory
from tests.test_permission_matrix import walk

pytestmark = pytest.mark.django_db

SECRET = "Confidential board agenda"


@pytest.fixture
def board(network, narva_staff):
    event = EventFactory(
        slug="secret-board", title=SECRET, audience="members", summary=SECRET, capacity=3
    )
    document = EventDocument(
        event=event, title=SECRET, extension="pdf", content_type="application/pdf"
    )
    document.file.save("upload", ContentFile(minutes_pdf([SECRET])), save=False)
    document.save()
    Registration.objects.create(event=event, person=narva_staff, status="confirmed")
    item = ActionItem.objects.create(
        event=event, text=SECRET, owner=narva_staff, due_on=event.starts_at.date()
    )
    return {"event": event, "document": document, "item": item}


def events_paths(board) -> list[str]:
    """Every URL pattern of the events app, filled in with the members-only board's values."""
    values = {
        "<slug:slug>": board["event"].slug,
        "<uuid:key>": str(board["document"].key),
        "<int:pk>": str(board["item"].pk),
    }
    paths = []
    for route in sorted(set(walk(get_resolver().url_patterns))):
        if not route.startswith("events/"):
            continue
        for name, value in values.items():
            route = route.replace(name, value)
        assert "<" not in route, route
        paths.append("/" + route)
    return paths


def test_every_events_url_is_covered(board):
    assert len(events_paths(board)) == 8


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outside_the_network_no_url_gives_a_members_only_event_away(client, board, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    before = (Registration.objects.count(), ActionItem.objects.filter(status="open").count())
    for path in events_paths(board):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert SECRET.encode() not in body, (method, path)
            assert minutes_pdf([SECRET]) not in body, (method, path)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), (method, path)
            elif path in ("/events/", "/events/feed.ics") and method == "get":
                assert response.status_code == 200
            else:
                assert response.status_code in (404, 405), (method, path, response.status_code)
    assert (
        Registration.objects.count(),
        ActionItem.objects.filter(status="open").count(),
    ) == before


def test_members_of_another_twin_read_it(client, board, tornio_staff):
    client.force_login(tornio_staff)
    assert SECRET in client.get("/events/secret-board/").content.decode()
    response = client.get(f"/events/secret-board/documents/{board['document'].key}/")
    assert response.status_code == 200
