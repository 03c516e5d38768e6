"""The sector × twin matrix and "twin T is in sector S", against counts made directly."""

import re

import pytest

from members.models import City, CityTwin, Sector, SharedService
from projects.models import Practice, Project
from tests.factories import PracticeFactory, ProjectFactory
from tests.projects.reading import listed_practices, listed_projects, page_text

pytestmark = pytest.mark.django_db


def city(slug):
    return City.objects.get(slug=slug)


def sector(slug):
    return Sector.objects.get(slug=slug)


def twin(slug):
    return CityTwin.objects.get(slug=slug)


@pytest.fixture
def content(demo):
    """The samples, and more: projects across twins and sectors, drafts, practices of twins."""
    culture, health = sector("culture"), sector("social-and-health")
    ProjectFactory(
        slug="festival",
        lead=city("valka"),
        partners=[city("valga"), city("narva")],
        sectors=[culture, health],
    )
    ProjectFactory(slug="choir", lead=city("valga"), sectors=[culture])
    ProjectFactory(slug="no-sector", lead=city("imatra"))
    ProjectFactory(slug="draft", lead=city("narva"), sectors=[health], publication="draft")
    ProjectFactory(slug="waiting", lead=city("cieszyn"), sectors=[culture], publication="submitted")
    PracticeFactory(
        slug="museum", twins=[twin("valka-valga"), twin("narva-ivangorod")], sectors=[culture]
    )
    PracticeFactory(
        slug="draft-practice",
        twins=[twin("cieszyn-cesky-tesin")],
        sectors=[culture],
        publication="draft",
    )
    SharedService.objects.create(twin=twin("cieszyn-cesky-tesin"), name="Bus", sector=health)
    twin("imatra-svetogorsk").sectors.add(sector("labour-mobility"))


def direct_counts() -> dict:
    """Published projects and practices per (twin slug, sector slug), counted row by row."""
    counts = {}
    for t in CityTwin.objects.all():
        for s in Sector.objects.all():
            projects = (
                Project.objects.filter(publication="published", sectors=s, partners__city__twin=t)
                .distinct()
                .count()
            )
            practices = (
                Practice.objects.filter(publication="published", sectors=s, twins=t)
                .distinct()
                .count()
            )
            if projects or practices:
                counts[(t.slug, s.slug)] = (projects, practices)
    return counts


def test_the_matrix_counts_equal_a_direct_count(content):
    expected = direct_counts()
    assert expected[("valka-valga", "culture")] == (2, 1)  # festival and choir; museum
    assert expected[("narva-ivangorod", "social-and-health")] == (1, 0)  # not the draft
    assert ("cieszyn-cesky-tesin", "culture") not in expected
    by_pk = CityTwin.objects.sector_counts()
    twins = {t.pk: t.slug for t in CityTwin.objects.all()}
    sectors = {s.pk: s.slug for s in Sector.objects.all()}
    computed = {
        (twins[t], sectors[s]): (cell["projects"], cell["practices"])
        for (t, s), cell in by_pk.items()
    }
    assert computed == expected


def matrix_cells(response) -> dict:
    content = response.content.decode()
    table = re.search(r'<table class="matrix">.*?</table>', content, re.S).group(0)
    cells = {}
    for kind, twin_slug, sector_slug, count in re.findall(
        r'href="/(projects|practices)/\?twin=([\w-]+)&amp;sector=([\w-]+)">(\d+) ', table
    ):
        projects, practices = cells.get((twin_slug, sector_slug), (0, 0))
        if kind == "projects":
            projects = int(count)
        else:
            practices = int(count)
        cells[(twin_slug, sector_slug)] = (projects, practices)
    return cells


def test_the_sectors_page_shows_the_matrix_as_counted(client, content):
    response = client.get("/sectors/")
    assert response.status_code == 200
    assert matrix_cells(response) == direct_counts()
    content_ = response.content.decode()
    assert "<caption" in content_ and '<th scope="row"><a href="/twins/valka-valga/">' in content_
    assert '<td class="shade-2">' in content_  # Valka – Valga in culture: 3 in all
    assert '<span class="visually-hidden">none</span>' in content_


def test_each_cell_leads_to_the_list_it_counts(client, content):
    for (twin_slug, sector_slug), (projects, practices) in direct_counts().items():
        query = f"twin={twin_slug}&sector={sector_slug}"
        assert len(listed_projects(client.get(f"/projects/?{query}"))) == projects, query
        assert len(listed_practices(client.get(f"/practices/?{query}"))) == practices, query


def test_a_twin_is_in_a_sector_through_choice_services_projects_or_practices(content):
    for s in Sector.objects.all():
        direct = (
            set(CityTwin.objects.filter(sectors=s).values_list("slug", flat=True))
            | set(SharedService.objects.filter(sector=s).values_list("twin__slug", flat=True))
            | set(
                Project.objects.filter(publication="published", sectors=s).values_list(
                    "partners__city__twin__slug", flat=True
                )
            )
            | set(
                Practice.objects.filter(publication="published", sectors=s).values_list(
                    "twins__slug", flat=True
                )
            )
        ) - {None}
        assert set(CityTwin.objects.in_sector(s).values_list("slug", flat=True)) == direct
        # The sector cards count by the same rule.
        assert Sector.objects.with_counts().get(pk=s.pk).twin_count == len(direct)
    culture = set(CityTwin.objects.in_sector(sector("culture")).values_list("slug", flat=True))
    # Through the festival (Narva a partner), the choir, the museum and the sample culture
    # project; not Cieszyn, whose culture project is only submitted.
    assert culture == {"valka-valga", "narva-ivangorod", "gorlitz-zgorzelec"}


def test_the_sector_cards_count_twins_services_projects_and_practices(client, content):
    text = page_text(client.get("/sectors/"))
    assert "Cultural co-operation 3 twins · 0 shared services · 3 projects · 1 practice" in text


def test_sector_and_twin_pages_list_their_published_projects_and_practices(client, content):
    content_ = client.get("/sectors/culture/").content.decode()
    for slug in ["festival", "choir", "sample-gorlitz-zgorzelec-culture"]:
        assert f'href="/projects/{slug}/"' in content_
    assert 'href="/projects/waiting/"' not in content_
    assert 'href="/practices/museum/"' in content_
    assert 'href="/practices/draft-practice/"' not in content_
    for slug in ["valka-valga", "narva-ivangorod", "gorlitz-zgorzelec"]:
        assert f'id="twin-{slug}"' in content_

    twin_page = client.get("/twins/valka-valga/")
    markup = twin_page.content.decode()
    assert 'href="/projects/festival/"' in markup and 'href="/projects/choir/"' in markup
    assert 'href="/projects/sample-valka-valga-joint-services/"' in markup
    assert 'href="/practices/museum/"' in markup
    text = page_text(twin_page)
    assert "Sample Seeking funding · 2026–2028" in text
    narva = client.get("/twins/narva-ivangorod/").content.decode()
    assert 'href="/projects/draft/"' not in narva


def test_the_directory_filters_twins_by_sector_the_same_way(client, content):
    response = client.get("/twins/?sector=culture")
    slugs = re.findall(r'<h3 id="twin-([\w-]+)"', response.content.decode())
    assert sorted(slugs) == ["gorlitz-zgorzelec", "narva-ivangorod", "valka-valga"]
