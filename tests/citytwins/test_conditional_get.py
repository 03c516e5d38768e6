"""Conditional GET for the feeds and files: a client asking again with the ETag it has gets a
304 with no body and no query until the content changes, then the new content and a new ETag."""

import urllib.error
import urllib.request

import pytest

from citytwins.environment import redis_database
from events.models import Event
from members.models import City, Sector
from tests.citytwins.caching import fetched
from tests.factories import EventFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(network):
    sector = Sector.objects.get(slug="border-crossing")
    tornio, haparanda = City.objects.get(slug="tornio"), City.objects.get(slug="haparanda")
    ProjectFactory(title="One bus line", lead=tornio, partners=[haparanda], sectors=[sector])
    return EventFactory(title="Bridge day", host_city=tornio, sectors=[sector])


FILES = [
    "/events/feed.ics",
    "/events/feed.ics?twin=tornio-haparanda",
    "/events/feed.ics?sector=border-crossing",
    "/events/{slug}.ics",
    "/twins.csv",
    "/twins.xlsx",
    "/projects.csv",
    "/projects.xlsx",
]


@pytest.mark.parametrize("url", FILES)
def test_a_file_answers_304_until_the_content_changes(
    page_cache, event, client, url, django_capture_on_commit_callbacks
):
    url = url.format(slug=event.slug)
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]

    again, queries = fetched(client, url, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert queries == 0
    assert again["ETag"] == etag

    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.get(pk=event.pk).save()  # any change to content
    changed, queries = fetched(client, url, **{"If-None-Match": etag})
    assert changed.status_code == 200 and queries > 0
    assert changed["ETag"] != etag
    assert client.get(url, headers={"If-None-Match": changed["ETag"]}).status_code == 304


def test_a_renamed_event_reaches_a_subscribed_calendar(
    page_cache, event, client, django_capture_on_commit_callbacks
):
    etag = client.get("/events/feed.ics")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Bridge and river day"
        event.save(update_fields=["title"])
    response = client.get("/events/feed.ics", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert b"Bridge and river day" in response.content


def test_the_etag_differs_by_language(page_cache, event, client, settings):
    settings.LANGUAGES = [("en", "English"), ("fi", "Suomi")]
    english = client.get("/events/feed.ics")["ETag"]
    finnish = client.get("/fi/events/feed.ics")["ETag"]
    assert english != finnish
    response = client.get("/fi/events/feed.ics", headers={"If-None-Match": english})
    assert response.status_code == 200


def test_signed_in_people_get_no_etag(page_cache, event, client):
    client.force_login(UserFactory(email="liisa@tornio.fi", city=City.objects.get(slug="tornio")))
    response = client.get("/events/feed.ics")
    assert response.status_code == 200 and "ETag" not in response


def test_over_http_a_calendar_gets_304_then_the_renamed_event(
    portal_server, redis_url, settings, page_cache_reset, event
):
    """gunicorn with the repository's configuration; the change is made by another process
    (this one), as the secretary's admin would be."""
    server_redis = redis_database(redis_url, 5)  # a Redis database of this test's own
    base = portal_server(REDIS_URL=server_redis, PAGE_CACHE="1")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "KEY_PREFIX": "citytwins-pages"}
        | {"LOCATION": redis_database(server_redis, 1)},
    }
    settings.PAGE_CACHE_SECONDS = 60
    url = f"{base}/events/feed.ics"

    with urllib.request.urlopen(url, timeout=10) as response:
        etag = response.headers["ETag"]
        assert b"Bridge day" in response.read()
    request = urllib.request.Request(url, headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request, timeout=10)
    assert not_modified.value.code == 304
    assert not_modified.value.read() == b""

    event.title = "Bridge and river day"
    event.save(update_fields=["title"])  # committed: no transaction around it
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["ETag"] != etag
        assert b"Bridge and river day" in response.read()
