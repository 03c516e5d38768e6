"""The page cache: what it keeps, for whom, under which key, and what it does when Redis fails."""

import gzip
import time

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path

from citytwins import pagecache
from events.models import Event
from members.models import City, Sector
from tests.citytwins.caching import fetched, kept_text, text_of
from tests.citytwins.conftest import pages_cache_config
from tests.citytwins.test_settings import PRODUCTION, run_python
from tests.factories import EventFactory, PracticeFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(network):
    tornio, haparanda = City.objects.get(slug="tornio"), City.objects.get(slug="haparanda")
    sector = Sector.objects.get(slug="border-crossing")
    project = ProjectFactory(
        title="One bus line", lead=tornio, partners=[haparanda], sectors=[sector]
    )
    practice = PracticeFactory(title="Shared library", twins=[tornio.twin], sectors=[sector])
    event = EventFactory(title="Bridge day", host_city=tornio, capacity=5, sectors=[sector])
    return {"project": project, "practice": practice, "event": event, "sector": sector}


def public_urls(content) -> list[str]:
    return [
        "/",
        "/about/",
        "/twins/",
        "/twins/tornio-haparanda/",
        "/twins.csv",
        "/twins.xlsx",
        "/sectors/",
        f"/sectors/{content['sector'].slug}/",
        "/projects/",
        f"/projects/{content['project'].slug}/",
        "/projects.csv",
        "/practices/",
        f"/practices/{content['practice'].slug}/",
        "/funding/",
        "/events/",
        f"/events/{content['event'].slug}/",
        "/events/feed.ics",
        f"/events/{content['event'].slug}.ics",
    ]


def test_every_public_page_is_kept_and_a_kept_page_costs_no_query(
    page_cache, content, client, django_assert_num_queries
):
    for url in public_urls(content):
        kept_text(client, url)
        with django_assert_num_queries(0):
            assert client.head(url).status_code == 200, url


def test_a_visitor_with_a_session_pays_one_query(page_cache, content, client):
    """An anonymous session (a form sent before) is read once; the page itself is not."""
    kept_text(client, "/projects/")
    session = client.session
    session["seen"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    _, queries = fetched(client, "/projects/")
    assert queries == 1


def test_signed_in_people_neither_get_nor_leave_a_kept_page(page_cache, content, client):
    staff = UserFactory(email="liisa@tornio.fi", city=City.objects.get(slug="tornio"))
    visitor = Client()
    kept_text(visitor, "/twins/tornio-haparanda/")
    client.force_login(staff)
    page, queries = fetched(client, "/twins/tornio-haparanda/")
    assert queries > 0
    assert 'href="/my/twins/tornio-haparanda/"' in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    # Read first by someone signed in, the page is still not kept for visitors.
    fetched(client, "/practices/")
    assert fetched(client, "/practices/")[1] > 0
    assert fetched(visitor, "/practices/")[1] > 0
    assert fetched(visitor, "/practices/")[1] == 0


def test_query_strings_and_languages_are_kept_apart(page_cache, content, client, settings):
    settings.LANGUAGES = [("en", "English"), ("fi", "Suomi")]
    everything = kept_text(client, "/twins/")
    finnish_only = kept_text(client, "/twins/?country=FI")
    assert "Narva" in everything and "Narva" not in finnish_only
    assert kept_text(client, "/twins/?country=FI&sort=name") == finnish_only
    english, _ = fetched(client, "/events/")
    finnish, queries = fetched(client, "/fi/events/")
    assert queries > 0 and finnish["Content-Language"] == "fi"
    assert fetched(client, "/fi/events/")[1] == 0
    assert english["Content-Language"] == "en"
    # The language comes from the address alone: a Finnish browser on an English address gets
    # the English page kept for everyone.
    assert fetched(client, "/events/", **{"Accept-Language": "fi"})[0]["Content-Language"] == "en"


def test_caching_can_be_turned_off(page_cache, content, client, settings):
    kept_text(client, "/events/")
    settings.PAGE_CACHE_SECONDS = 0
    Event.objects.filter(pk=content["event"].pk).update(title="Renamed quietly")
    response, queries = fetched(client, "/events/")
    assert queries > 0 and "Renamed quietly" in text_of(response)
    assert "ETag" not in client.get("/events/feed.ics")


BROWSER = "gzip, br"


@pytest.mark.parametrize("url", ["/", "/events/feed.ics", "/twins.csv"])
def test_a_kept_page_is_sent_compressed_to_whoever_accepts_gzip_and_as_rendered_to_others(
    page_cache, content, client, url
):
    rendered, queries = fetched(client, url)
    assert queries > 0 and "Content-Encoding" not in rendered
    plain = rendered.content
    for accepts in (BROWSER, "br;q=1, *;q=0.5", "x-gzip"):
        packed, queries = fetched(client, url, **{"Accept-Encoding": accepts})
        assert queries == 0 and packed["Content-Encoding"] == "gzip", accepts
        assert gzip.decompress(packed.content) == plain
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain)
    head = client.head(url, headers={"Accept-Encoding": BROWSER})
    assert head["Content-Encoding"] == "gzip" and head["Content-Length"] == packed["Content-Length"]
    for accepts in ("", "gzip;q=0, br", "identity", "br, *;q=0", "gzip;q=0, *"):
        again, queries = fetched(client, url, **{"Accept-Encoding": accepts})
        assert queries == 0 and "Content-Encoding" not in again, accepts
        assert again.content == plain and int(again["Content-Length"]) == len(plain)
    for response in (rendered, packed, head, again):
        assert "Accept-Encoding" in response["Vary"]


def test_the_miss_is_compressed_as_the_hits_after_it_and_304s_vary_too(page_cache, content, client):
    first, queries = fetched(client, "/events/feed.ics", **{"Accept-Encoding": BROWSER})
    assert queries > 0 and first["Content-Encoding"] == "gzip"
    again, queries = fetched(client, "/events/feed.ics")
    assert queries == 0 and gzip.decompress(first.content) == again.content
    assert first["ETag"] == again["ETag"] and first["ETag"].startswith("W/")
    headers = {"Accept-Encoding": BROWSER, "If-None-Match": first["ETag"]}
    not_modified = client.get("/events/feed.ics", headers=headers)
    assert not_modified.status_code == 304 and "Accept-Encoding" in not_modified["Vary"]


def test_pages_vary_on_accept_encoding_with_caching_off(network, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/twins/", headers={"Accept-Encoding": BROWSER})
    assert "Content-Encoding" not in response and "Accept-Encoding" in response["Vary"]


def seen_once(request):
    return HttpResponse(b"<p>public</p>\n" * 60)  # would compress, but is under 1 KiB


def a_long_page(request):
    return HttpResponse(b"<p>Tornio and Haparanda share a bus line.</p>\n" * 40)


def a_workbook(request):
    workbook = b"PK\x03\x04" + b"\x00" * 4000  # compressible bytes, in a compressed format
    return HttpResponse(workbook, content_type="application/vnd.ms-excel")


def varies_on_encoding(request):
    response = HttpResponse(b"the cache's own vary")
    response["Vary"] = "Accept-Encoding"
    return response


def sets_a_cookie(request):
    response = HttpResponse(b"yours")
    response.set_cookie("choice", "1")
    return response


def uses_csrf(request):
    return HttpResponse(get_token(request).encode())


def uses_a_nonce(request):
    return HttpResponse(f"<script nonce='{request._csp_nonce}'></script>".encode())


def adds_a_message(request):
    messages.info(request, "Welcome")
    return HttpResponse(b"hello")


def writes_the_session(request):
    request.session["visited"] = True
    return HttpResponse(b"noted")


def varies(request):
    response = HttpResponse(b"depends")
    response["Vary"] = "Accept-Encoding, Accept"
    return response


def not_found(request):
    return HttpResponse(b"gone", status=404)


KEPT = [seen_once, a_long_page, a_workbook, varies_on_encoding]
VIEWS = [*KEPT, sets_a_cookie, uses_csrf, uses_a_nonce, adds_a_message, writes_the_session]
VIEWS += [varies, not_found]
calls: list[str] = []


def counted(view):
    def counting(request):
        calls.append(view.__name__)
        return view(request)

    return pagecache.cache_public_page(counting)


urlpatterns = [path(f"{view.__name__}/", counted(view)) for view in VIEWS]


@pytest.mark.parametrize("view", VIEWS, ids=[view.__name__ for view in VIEWS])
def test_only_answers_that_belong_to_nobody_are_kept(page_cache, settings, client, view):
    settings.ROOT_URLCONF = __name__
    calls.clear()
    for _ in range(3):
        response = Client().get(f"/{view.__name__}/", headers={"Accept-Encoding": BROWSER})
        assert "Accept-Encoding" in response["Vary"]
    assert len(calls) == (1 if view in KEPT else 3)
    # Only a long text is worth compressing; a small body or a workbook is sent as it is.
    assert response.has_header("Content-Encoding") == (view is a_long_page)


def test_a_pending_message_is_shown_not_a_kept_page(page_cache, settings, client):
    settings.ROOT_URLCONF = __name__
    calls.clear()
    client.get("/seen_once/")
    client.get("/adds_a_message/")
    client.get("/seen_once/")
    assert calls == ["seen_once", "adds_a_message", "seen_once"]


def redis_at(settings, port: int) -> None:
    config = pages_cache_config(settings, "redis", f"redis://127.0.0.1:{port}/0")
    settings.CACHES = {**settings.CACHES, "pages": config}
    settings.PAGE_CACHE_SECONDS = 60


@pytest.mark.parametrize("where", ["closed_port", "silent_port"])
def test_pages_are_rendered_uncached_while_redis_is_away(
    network, settings, client, page_cache_reset, request, where, django_capture_on_commit_callbacks
):
    redis_at(settings, request.getfixturevalue(where))
    started = time.monotonic()
    for url in ("/twins/", "/twins/", "/events/feed.ics", "/twins.csv"):
        response, queries = fetched(client, url)
        assert response.status_code == 200 and queries > 0
        assert "ETag" not in response
    assert time.monotonic() - started < 2.0
    with django_capture_on_commit_callbacks(execute=True):
        City.objects.get(slug="tornio").save(update_fields=["population"])
    assert pagecache._state["change_owed"]


def test_a_change_made_while_redis_was_away_is_recorded_when_it_answers(
    page_cache, content, client
):
    assert "123,456" not in kept_text(client, "/twins/tornio-haparanda/")
    City.objects.filter(slug="tornio").update(population=123456)
    pagecache._state["paused_until"] = time.monotonic() + 60  # Redis is away...
    pagecache.content_changed()
    assert pagecache._state["change_owed"]
    pagecache._state["paused_until"] = 0.0  # ...and back.
    response, queries = fetched(client, "/twins/tornio-haparanda/")
    assert queries > 0 and "123,456" in text_of(response)
    assert not pagecache._state["change_owed"]


def test_a_lost_generation_is_never_one_that_named_kept_pages(page_cache, content, client):
    kept_text(client, "/practices/")
    page_cache.delete(pagecache.GENERATION_KEY)
    assert fetched(client, "/practices/")[1] > 0


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "60 LocMemCache"),  # make run: one process
        ({**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/0"}, "60 RedisCache"),
        (
            {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/0", "PAGE_CACHE": "0"},
            "0 RedisCache",
        ),
        (
            {**PRODUCTION, "REDIS_URL": "redis://h:6379/0", "PAGE_CACHE_SECONDS": "5"},
            "5 RedisCache",
        ),
        # Without Redis each process would keep pages another process's change cannot reach.
        (PRODUCTION, "0 LocMemCache"),
    ],
)
def test_pages_are_kept_only_where_every_process_shares_them(env, expected):
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.PAGE_CACHE_SECONDS, s.CACHES['pages']['BACKEND'].rsplit('.', 1)[1])"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
