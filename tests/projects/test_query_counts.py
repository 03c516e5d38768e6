"""A fixed number of queries per page, the same at the demo's size and with 1,000 projects."""

import datetime

import pytest
from django.utils import timezone

from projects.models import FundingCall, Programme
from tests.factories import projects_create
from tests.projects.reading import listed_practices, listed_projects

pytestmark = pytest.mark.django_db

PROJECT = "/projects/sample-tornio-haparanda-shared-city-centre/"
PRACTICE = "/practices/sample-tornio-haparanda-shared-services/"

# The footer's record is one query on every page.
PAGES = {
    # Filter choices (sectors, twins, countries, programmes), the count, the page, its partners,
    # sectors and funding lines, and the funding summary.
    "/projects/": 11,
    "/projects/?sector=city-administrations&status=running&twin=tornio-haparanda&q=o"
    "&country=FI&programme=interreg-aurora&year=2025&sort=title&page=2": 11,
    "/projects/?status=bogus&page=x": 11,
    # The project, its partners, sectors, funding lines, status history, practices, and the
    # twins with their cities for the map.
    PROJECT: 9,
    # Filter choices (sectors, twins), the count, the page, its twins and sectors.
    "/practices/": 7,
    "/practices/?kind=good&sector=city-administrations&twin=tornio-haparanda&q=a": 7,
    # The practice with its project, its twins, sectors and evidence.
    PRACTICE: 5,
    "/funding/": 2,
    # Sectors with their services, the twins, projects and practices per sector, the matrix's
    # projects and practices per twin and sector, and the twins' services and ticked sectors.
    "/sectors/": 8,
    # With their upcoming meetings (the events app: one query each).
    "/sectors/culture/": 8,
    "/twins/tornio-haparanda/": 12,
    "/projects.csv": 8,
    "/projects.xlsx": 8,
}


@pytest.fixture(params=[0, 1000], ids=["demo", "1000 projects"])
def size(request, demo):
    if request.param:
        projects_create(request.param)
        programme = Programme.objects.first()
        FundingCall.objects.bulk_create(
            FundingCall(
                programme=programme,
                title=f"Call {n}",
                deadline=timezone.now() + datetime.timedelta(days=1 + n % 90),
                link="https://example.org/call",
            )
            for n in range(200)
        )
    return request.param


@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_pages_run_a_fixed_number_of_queries(client, size, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    if url == "/projects/":
        assert len(listed_projects(response)) == (4 if not size else 20)
    if url == "/practices/":
        assert len(listed_practices(response)) == (2 if not size else 20)
