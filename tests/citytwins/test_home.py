import datetime
import html
import re

import pytest
from django.utils import timezone

from events.services.samples import samples_load
from members.models import Announcement, Association, City, CityTwin, Purpose, Sector
from tests.factories import (
    EventFactory,
    SecretaryFactory,
    UserFactory,
    events_create,
    twins_create,
)

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    markup = re.sub(
        r'<(\w+)[^>]*aria-hidden="true"[^>]*>[^<]*</\1>', " ", response.content.decode()
    )
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def test_home_page_tells_what_the_association_is_from_its_record(client, network):
    Association.objects.update(summary="Edited by the secretary: towns that share a border.")
    text = page_text(client.get("/"))
    assert "Edited by the secretary: towns that share a border." in text


def test_home_page_counts_twins_member_and_partner_cities_and_sectors(client, network):
    text = page_text(client.get("/"))
    assert "7 city twins" in text
    assert "10 member cities" in text
    assert "3 partner cities" in text
    assert "9 sectors of cooperation" in text


def test_home_page_draws_the_twins_on_the_map_without_copying_the_directory(client, network):
    content = client.get("/").content.decode()
    assert content.count('class="map-twin"') == 7
    assert 'class="card twin-card"' not in content
    # The map's text alternative is the directory.
    assert 'Every twin is listed as text in the <a href="/twins/">directory</a>' in content


def test_home_page_asks_cities_to_apply_to_join(client, network):
    content = client.get("/").content.decode()
    assert content.count('<a class="button" href="/join/">Apply to join</a>') == 2


def test_home_page_works_before_the_record_is_loaded(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "0 city twins" in page_text(response)
    assert "<svg" not in response.content.decode()


def test_navigation_links_the_directory_and_about_and_marks_the_current_page(client, network):
    content = client.get("/twins/?country=PL").content.decode()
    assert '<a href="/twins/" aria-current="page">Directory</a>' in content
    content = client.get("/about/").content.decode()
    assert '<a href="/about/" aria-current="page">About</a>' in content
    assert '<a href="/twins/">Directory</a>' in content


def test_about_page_gives_the_associations_record(client, network):
    response = client.get("/about/")
    assert response.status_code == 200
    text = page_text(response)
    assert "About the City Twins Association" in text
    assert "Founded in December 2006." in text
    assert "City Twins Cooperation Network project (2004–2006)" in text
    assert "Tornio and Haparanda on the border of Finland and Sweden" in text
    assert "The main goal of the created association" in text
    association = Association.objects.get()
    assert association.purposes.count() == 13 and association.objectives.count() == 8
    for item in [*association.purposes.all(), *association.objectives.all()]:
        assert item.text[1:] in text
    assert "Virastokatu 2" in text and "55100 Imatra" in text and "+358 20 617 5345" in text


def test_about_page_links_the_sectors_and_lists_the_members(client, network):
    content = client.get("/about/").content.decode()
    for sector in Sector.objects.all():
        assert f'<a href="/sectors/{sector.slug}/">{html.escape(sector.name)}</a>' in content
    assert content.count('class="card twin-card"') == 7
    assert "Prospective member" in content


def test_about_page_follows_the_secretarys_edits(client, network):
    Purpose.objects.filter(position=0).update(text="to keep the record current")
    Association.objects.update(phone="+358 40 000 0000")
    text = page_text(client.get("/about/"))
    assert "To keep the record current" in text
    assert "+358 40 000 0000" in text


def test_about_page_works_before_the_record_is_loaded(client, db):
    response = client.get("/about/")
    assert response.status_code == 200
    assert "has not been entered yet" in page_text(response)


# The home page: session-free reads of the record, the map, meetings, announcement, projects and
# practices (one query each for the latest three).
PAGES = {"/": 10, "/about/": 6}


@pytest.mark.parametrize("size", [0, 300], ids=["record", "300 more twins"])
@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_pages_run_a_fixed_number_of_queries(
    client, network, django_assert_num_queries, size, url, queries
):
    if size:
        twins_create(size)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    expected = 7 + size
    assert City.objects.count() == 2 * expected
    if url == "/":
        assert response.content.decode().count('class="map-twin"') == expected
    else:
        assert response.content.decode().count('class="card twin-card"') == expected


def test_home_page_shows_the_next_three_meetings_a_reader_may_see(client, network):
    soon = timezone.now() + datetime.timedelta(days=1)
    for days, slug, fields in [
        (1, "first", {}),
        (2, "members-only", {"audience": "members"}),
        (3, "cancelled", {"cancelled_at": timezone.now()}),
        (4, "second", {}),
        (5, "third", {}),
        (6, "fourth", {}),
        (-3, "over", {}),
    ]:
        starts = soon + datetime.timedelta(days=days - 1)
        EventFactory(
            slug=slug, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **fields
        )
    content = client.get("/").content.decode()
    assert re.findall(r'aria-labelledby="event-([\w-]+)"', content) == ["first", "second", "third"]
    assert "<strong>4</strong> meetings ahead" in content
    member = UserFactory(city=City.objects.get(slug="narva"))
    client.force_login(member)
    content = client.get("/").content.decode()
    assert re.findall(r'aria-labelledby="event-([\w-]+)"', content) == [
        "first",
        "members-only",
        "second",
    ]


def test_home_page_without_meetings_points_to_the_past_ones(client, network):
    content = client.get("/").content.decode()
    assert "No meeting is planned yet." in content
    assert 'href="/events/?when=past"' in content


def test_the_latest_announcement_shown_depends_on_who_reads(client, network):
    secretary = SecretaryFactory()
    for days, subject, public in [(3, "Older and public", True), (1, "Newer, members only", False)]:
        Announcement.objects.create(
            subject=subject,
            body="**Read** this.",
            public=public,
            created_by=secretary,
            sent_at=timezone.now() - datetime.timedelta(days=days),
        )
    Announcement.objects.create(subject="Not sent yet", body="…", public=True)
    text = page_text(client.get("/"))
    assert "Older and public" in text and "Newer, members only" not in text
    assert "<strong>Read</strong> this." in client.get("/").content.decode()
    client.force_login(UserFactory(city=City.objects.get(slug="tornio")))
    text = page_text(client.get("/"))
    assert "Newer, members only" in text and "Older and public" not in text


@pytest.mark.parametrize("size", [0, 2000], ids=["demo", "2000 more events"])
def test_home_page_queries_do_not_grow_with_the_events(
    client, network, django_assert_num_queries, size
):
    samples_load()
    if size:
        events_create(size)
    with django_assert_num_queries(PAGES["/"]):
        response = client.get("/")
    assert len(re.findall(r'class="card event-card', response.content.decode())) == (
        3 if size else 1
    )


def test_home_page_shows_the_latest_published_projects_and_practices(client, network):
    from projects.models import Practice, Project
    from projects.models.proposals import Publication

    twin = CityTwin.objects.get(slug="tornio-haparanda")
    now = timezone.now()
    for days, title in [(3, "Older project"), (1, "Newer project")]:
        Project.objects.create(
            title=title,
            slug=title.lower().replace(" ", "-"),
            publication=Publication.PUBLISHED,
            published_at=now - datetime.timedelta(days=days),
        )
    Project.objects.create(title="A draft", slug="a-draft", proposed_for=twin)
    Practice.objects.create(
        title="Shared library cards",
        slug="shared-library-cards",
        kind="good",
        publication=Publication.PUBLISHED,
        published_at=now,
    )
    text = page_text(client.get("/"))
    assert text.index("Newer project") < text.index("Older project")
    assert "A draft" not in text
    assert "Shared library cards" in text and "Good practice" in text
