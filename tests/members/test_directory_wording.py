"""The directory reads well: its title names the filters and the count, the filters fold away on
a phone unless in force, the sort options are plain words."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def title(response) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode()).group(1))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "Directory of city twins"),
        ("sort=name", "Directory of city twins"),
        ("country=PL", "Twins in Poland (3)"),
        ("country=RU&border=external", "Twins in Russia, on an EU external border (2)"),
        ("status=prospective", "Twins with a prospective member city (1)"),
        ("sector=culture", "Twins in the sector “Cultural co-operation” (0)"),
        ("q=tesin&country=XX", "Twins named like “tesin” (1)"),
    ],
)  # fmt: skip
def test_a_filtered_directorys_title_names_the_filter_and_the_count(
    client, network, query, expected
):
    assert title(client.get(f"/twins/?{query}")) == f"{expected} · City Twins Association"


def test_the_filters_fold_away_unless_one_is_in_force(client, network):
    assert '<details class="filters-fold">' in client.get("/twins/").content.decode()
    for query in ["country=PL", "sort=name", "status=bogus"]:
        content = client.get(f"/twins/?{query}").content.decode()
        assert '<details class="filters-fold" open>' in content, query


def test_the_sort_options_are_plain_words(client, network):
    content = client.get("/twins/").content.decode()
    options = re.findall(
        r'<option value="(\w*)"[^>]*>([^<]+)</option>',
        content.split('name="sort"')[1].split("</select>")[0],
    )
    assert [(value, html.unescape(label)) for value, label in options] == [
        ("", "Association's order"),
        ("name", "Name, A to Z"),
        ("country", "Country, A to Z"),
    ]
    assert "Brochure" not in content
