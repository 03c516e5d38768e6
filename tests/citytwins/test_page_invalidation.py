"""Acceptance: a change by city staff, the secretary or the loader shows on the next anonymous
request to every page that shows it, although each of those pages was kept before."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from events.models import Event
from members.models import Association, City, Sector
from members.roles import secretariat_group_sync
from projects.models import Project
from tests.citytwins.caching import fetched, kept_text, text_of
from tests.events.test_admin import event_post
from tests.factories import EventFactory, ProjectFactory, SecretaryFactory, UserFactory
from tests.members.admin_pages import form_data
from tests.members.test_my import city_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def sector(network):
    return Sector.objects.get(slug="border-crossing")


@pytest.fixture
def secretary_client(client, network):
    secretariat_group_sync()
    client.force_login(SecretaryFactory(email="secretary@imatra.fi"))
    return client


@pytest.fixture
def tornio_staff(network):
    return UserFactory(email="liisa@tornio.fi", name="Liisa", city=City.objects.get(slug="tornio"))


def read_all(visitor, urls) -> dict[str, str]:
    return {url: kept_text(visitor, url) for url in urls}


def read_again(visitor, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response, queries = fetched(visitor, url)
        assert response.status_code == 200, url
        assert queries > 0, f"{url} answered from the cache after the change"
        pages[url] = text_of(response)
    return pages


def test_an_edit_by_city_staff_shows_on_the_next_request(
    page_cache, visitor, client, tornio_staff, django_capture_on_commit_callbacks
):
    urls = ["/twins/", "/twins/tornio-haparanda/", "/twins.csv", "/twins.xlsx"]
    before = read_all(visitor, urls)
    assert not any("Tornion kaupunki" in text for text in before.values())

    client.force_login(tornio_staff)
    tornio = City.objects.get(slug="tornio")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/my/cities/tornio/", city_post(tornio, native_name="Tornion kaupunki")
        )
    assert response.status_code == 302

    # Every page rendered afresh (the workbook too: its rows are the CSV's).
    for url, text in read_again(visitor, urls).items():
        assert "Tornion kaupunki" in text or url.endswith(".xlsx"), url


def test_a_project_published_in_the_admin_shows_on_the_next_request(
    page_cache, visitor, secretary_client, sector, django_capture_on_commit_callbacks
):
    tornio, haparanda = City.objects.get(slug="tornio"), City.objects.get(slug="haparanda")
    project = ProjectFactory(
        title="One bus line for both towns",
        publication="draft",
        lead=tornio,
        partners=[haparanda],
        sectors=[sector],
    )
    urls = [
        "/",
        "/projects/",
        "/projects.csv",
        "/twins/tornio-haparanda/",
        "/sectors/",
        f"/sectors/{sector.slug}/",
    ]
    before = read_all(visitor, urls)
    assert not any("One bus line for both towns" in text for text in before.values())
    assert visitor.get(f"/projects/{project.slug}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary_client.post(
            "/admin/projects/project/", {"action": "publish", "_selected_action": [project.pk]}
        )
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).publication == "published"

    after = read_again(visitor, [*urls, f"/projects/{project.slug}/"])
    for url in urls:
        if url == "/sectors/":  # the matrix counts projects: one more in Tornio's row
            assert after[url] != before[url]
        else:
            assert "One bus line for both towns" in after[url], url


def test_an_event_changed_in_the_admin_shows_on_the_next_request(
    page_cache, visitor, secretary_client, sector, django_capture_on_commit_callbacks
):
    event = EventFactory(
        title="Bridge day", host_city=City.objects.get(slug="tornio"), sectors=[sector]
    )
    urls = [
        "/",
        "/events/",
        f"/events/{event.slug}/",
        "/events/feed.ics",
        "/events/feed.ics?twin=tornio-haparanda",
        f"/events/feed.ics?sector={sector.slug}",
        f"/events/{event.slug}.ics",
        "/twins/tornio-haparanda/",
        f"/sectors/{sector.slug}/",
    ]
    before = read_all(visitor, urls)
    assert all("Bridge day" in text for text in before.values())
    assert not any("Bridge and river day" in text for text in before.values())

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary_client.post(
            f"/admin/events/event/{event.pk}/change/",
            event_post(event, title="Bridge and river day", sectors=[str(sector.pk)]),
        )
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Bridge and river day"

    for url, text in read_again(visitor, urls).items():
        assert "Bridge and river day" in text, url


def test_a_registration_shows_in_the_places_taken_on_the_next_request(
    page_cache, visitor, client, tornio_staff, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Bridge day", capacity=5)
    url = f"/events/{event.slug}/"
    assert "0 of 5 places taken" in kept_text(visitor, url)
    client.force_login(tornio_staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/events/{event.slug}/register/").status_code == 302
    assert "1 of 5 places taken" in read_again(visitor, [url])[url]


def test_the_secretarys_edit_of_the_record_and_a_sector_shows_on_the_next_request(
    page_cache, visitor, secretary_client, sector, django_capture_on_commit_callbacks
):
    association = Association.objects.get()
    urls = ["/about/", "/sectors/", f"/sectors/{sector.slug}/"]
    read_all(visitor, urls)
    with django_capture_on_commit_callbacks(execute=True):
        change = f"/admin/members/association/{association.pk}/change/"
        data = form_data(secretary_client.get(change)) | {"phone": "+358 20 617 0000"}
        assert secretary_client.post(change, data).status_code == 302
        change = f"/admin/members/sector/{sector.pk}/change/"
        # The name per language (django-modeltranslation): the English one is the page's here.
        data = form_data(secretary_client.get(change)) | {"name_en": "Crossing the border"}
        assert secretary_client.post(change, data).status_code == 302
    after = read_again(visitor, urls)
    assert "+358 20 617 0000" in after["/about/"]
    assert "Crossing the border" in after["/sectors/"]
    assert "Crossing the border" in after[f"/sectors/{sector.slug}/"]


def test_the_loader_shows_on_the_next_request(page_cache, visitor, network):
    kept_text(visitor, "/about/")
    # Rows written without signals, as the loader's bulk inserts are.
    Association.objects.update(phone="+358 5 000 0000")
    call_command("load_network", stdout=io.StringIO())
    phone = Association.objects.get().phone
    assert phone in read_again(visitor, ["/about/"])["/about/"]


def test_a_generated_network_shows_on_the_next_request(page_cache, visitor, network):
    before = kept_text(visitor, "/twins/")
    call_command(
        "generate_network",
        twins=3,
        projects=0,
        events=0,
        members=0,
        seed=1,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    after = read_again(visitor, ["/twins/"])["/twins/"]
    newest = City.objects.order_by("-pk").first()
    assert newest.name not in before
    assert newest.name in after
