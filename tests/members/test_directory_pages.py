"""The directory at scale: pages of twins, the filters kept in the page links, the files whole."""

import csv
import io
import re

import pytest

from members.models import City, CityTwin, Sector
from members.views.directory import TWINS_PER_PAGE
from members.views.sectors import MATRIX_ROWS, SECTOR_SHOWS
from tests.factories import ProjectFactory, twins_create
from tests.members.reading import listed

pytestmark = pytest.mark.django_db


def page_links(response) -> list[str]:
    nav = re.search(r'<nav class="pagination".*?</nav>', response.content.decode(), re.S)
    return re.findall(r'href="\?([^"]+)"', nav.group(0)) if nav else []


def test_the_record_fits_on_one_page(client, network):
    response = client.get("/twins/")
    assert len(listed(response)) == 7
    assert page_links(response) == []


def test_a_large_directory_is_paged_with_its_filters_and_all_its_twins_in_the_files(
    client, network
):
    twins_create(TWINS_PER_PAGE + 20, countries=("FI", "SE"))
    query = "country=FI&sort=name"
    first = client.get(f"/twins/?{query}")
    shown = listed(first)
    assert len(shown) == TWINS_PER_PAGE
    # The count names every match; the map draws the page's twins, as listed.
    matching = int(
        re.search(r'id="twin-results" class="result-count">(\d+)', first.content.decode()).group(1)
    )
    assert matching > TWINS_PER_PAGE
    svg = re.search(r"<svg .*?</svg>", first.content.decode(), re.S).group(0)
    assert len(re.findall(r'<a href="/twins/[\w-]+/"', svg)) == TWINS_PER_PAGE
    links = [link.replace("&amp;", "&") for link in page_links(first)]
    assert f"{query}&page=2" in links
    second = client.get(f"/twins/?{query}&page=2")
    rest = listed(second)
    assert len(rest) == matching - TWINS_PER_PAGE
    assert not set(shown) & set(rest)
    assert sorted(shown + rest) == sorted(set(shown + rest))
    # A page past the end shows the last; the files hold every match, whatever the page.
    assert listed(client.get(f"/twins/?{query}&page=99")) == rest
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/twins.csv?{query}&page=2").content.decode("utf-8-sig"))
        )
    )
    assert len({row[1] for row in rows[1:]}) == matching


def test_a_large_network_s_sector_pages_and_matrix_stay_bounded(client, network):
    twins_create(MATRIX_ROWS + 10)
    sector = Sector.objects.first()
    # One published project, so the matrix is drawn (it says "none published" otherwise).
    ProjectFactory(lead=City.objects.get(slug="valga"), sectors=[sector])
    content = client.get(f"/sectors/{sector.slug}/").content.decode()
    assert len(re.findall(r'<h3 id="twin-([\w-]+)"', content)) == SECTOR_SHOWS
    assert f'href="/twins/?sector={sector.slug}"' in content
    # The matrix: every twin once, a page of rows at a time, page links below.
    rows = []
    for page in (1, 2):
        response = client.get(f"/sectors/?page={page}")
        rows += re.findall(
            r'<th scope="row"><a href="/twins/([\w-]+)/">', response.content.decode()
        )
    assert len(rows) == len(set(rows)) == CityTwin.objects.count()
    assert "page=2" in " ".join(page_links(client.get("/sectors/")))
