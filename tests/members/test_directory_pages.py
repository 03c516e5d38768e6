"""The directory at scale: pages of twins, the filters kept in the page links, the files whole."""

import csv
import io
import re

import pytest

from members.views.directory import TWINS_PER_PAGE
from tests.factories import twins_create
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
