"""The public directory: filters, sorting, the CSV, border kinds and its query counts."""

import re

import pytest
from django.test import Client

from members.models import (
    BorderKind,
    City,
    CityTwin,
    Contact,
    Sector,
    border_kind,
)
from tests.conftest import BASE_DIR
from tests.factories import (
    CityFactory,
    CityTwinFactory,
    ContactFactory,
    SharedServiceFactory,
    UserFactory,
    twins_create,
)
from tests.members.reading import RECORD, cards, csv_rows, listed, page_text

pytestmark = pytest.mark.django_db


def test_directory_lists_every_twin_with_both_cities_countries_and_statuses(client, network):
    response = client.get("/twins/")
    assert response.status_code == 200
    assert listed(response) == list(RECORD)
    for slug, cities in RECORD.items():
        card = cards(response)[slug]
        for name, country, status in cities:
            assert re.search(rf"{re.escape(name)} .*{country} {status}", card), (slug, name)
    assert "7 twins" in page_text(response)


def test_directory_puts_valka_in_latvia_and_gives_the_partners_reasons(client, network):
    found = cards(client.get("/twins/"))
    assert "Valka Latvia Member" in found["valka-valga"]
    assert "Lithuania" not in found["valka-valga"]
    polish = "Cooperating partner Not yet a member because of Polish legislation."
    assert f"Słubice Poland {polish}" in found["frankfurt-oder-slubice"]
    assert f"Zgorzelec Poland {polish}" in found["gorlitz-zgorzelec"]
    assert f"Cieszyn Poland {polish}" in found["cieszyn-cesky-tesin"]
    tesin = "Český Těšín Czechia Prospective member Has not joined yet"
    assert tesin in found["cieszyn-cesky-tesin"]


def test_directory_shows_flags_as_decorative_svg_and_the_border_kind(client, network):
    response = client.get("/twins/")
    content = response.content.decode()
    flag = '<img class="flag" src="/static/vendor/flag-icons/4x3/lv.svg" alt="" width="20"'
    assert f'{flag} height="15"> Latvia' in content
    assert (BASE_DIR / "static/vendor/flag-icons/4x3/lv.svg").read_text().startswith("<svg")
    # No emoji flags (regional indicator symbols) anywhere.
    assert not re.search("[\U0001f1e6-\U0001f1ff]", content)
    found = cards(response)
    assert "EU external border" in found["narva-ivangorod"]
    assert "EU internal border" in found["tornio-haparanda"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=PL", ["frankfurt-oder-slubice", "gorlitz-zgorzelec", "cieszyn-cesky-tesin"]),
        ("country=pl", ["frankfurt-oder-slubice", "gorlitz-zgorzelec", "cieszyn-cesky-tesin"]),
        ("country=LV", ["valka-valga"]),
        ("border=external", ["imatra-svetogorsk", "narva-ivangorod"]),
        (
            "border=internal",
            [
                "frankfurt-oder-slubice",
                "gorlitz-zgorzelec",
                "tornio-haparanda",
                "valka-valga",
                "cieszyn-cesky-tesin",
            ],
        ),
        ("status=prospective", ["cieszyn-cesky-tesin"]),
        ("status=partner", ["frankfurt-oder-slubice", "gorlitz-zgorzelec", "cieszyn-cesky-tesin"]),
        ("q=těšín", ["cieszyn-cesky-tesin"]),
        ("q=tesin", ["cieszyn-cesky-tesin"]),
        ("q=TĚŠÍN", ["cieszyn-cesky-tesin"]),
        ("q=slubice", ["frankfurt-oder-slubice"]),
        ("q=светогорск", ["imatra-svetogorsk"]),
        ("q=  haparanda  ", ["tornio-haparanda"]),
        ("country=PL&border=internal", ["frankfurt-oder-slubice", "gorlitz-zgorzelec",
                                        "cieszyn-cesky-tesin"]),
        ("country=DE&q=gorlitz", ["gorlitz-zgorzelec"]),
        ("country=RU&border=internal", []),
        ("country=FI&border=external", ["imatra-svetogorsk"]),
        ("country=PL&status=prospective", ["cieszyn-cesky-tesin"]),
    ],
)  # fmt: skip
def test_directory_filters_by_the_query_string(client, network, query, expected):
    response = client.get(f"/twins/?{query}")
    assert response.status_code == 200
    assert listed(response) == expected
    assert "were ignored" not in page_text(response)


def test_directory_filters_by_sector(client, network):
    culture = Sector.objects.get(slug="culture")
    for slug in ["valka-valga", "narva-ivangorod"]:
        CityTwin.objects.get(slug=slug).sectors.add(culture)
    response = client.get("/twins/?sector=culture")
    assert listed(response) == ["narva-ivangorod", "valka-valga"]
    assert listed(client.get("/twins/?sector=culture&country=LV")) == ["valka-valga"]
    assert listed(client.get("/twins/?sector=border-crossing")) == []


def test_directory_sorts_by_name_and_by_country(client, network):
    by_name = listed(client.get("/twins/?sort=name"))
    assert by_name == [
        "cieszyn-cesky-tesin",
        "frankfurt-oder-slubice",
        "gorlitz-zgorzelec",
        "imatra-svetogorsk",
        "narva-ivangorod",
        "tornio-haparanda",
        "valka-valga",
    ]
    by_country = listed(client.get("/twins/?sort=country"))
    # Estonia, Finland (Imatra, Tornio), Germany (Frankfurt, Görlitz), Latvia, Poland.
    assert by_country == [
        "narva-ivangorod",
        "imatra-svetogorsk",
        "tornio-haparanda",
        "frankfurt-oder-slubice",
        "gorlitz-zgorzelec",
        "valka-valga",
        "cieszyn-cesky-tesin",
    ]
    assert listed(client.get("/twins/?sort=name&country=PL")) == [
        "cieszyn-cesky-tesin",
        "frankfurt-oder-slubice",
        "gorlitz-zgorzelec",
    ]


def test_directory_keeps_the_filters_in_the_form_and_the_csv_link(client, network):
    content = client.get("/twins/?country=PL&q=gorlitz&sort=name").content.decode()
    assert '<option value="PL" selected>Poland</option>' in content
    assert 'value="gorlitz"' in content
    assert 'href="/twins.csv?q=gorlitz&amp;country=PL&amp;sort=name"' in content
    assert "Clear filters" in content


def test_an_empty_result_says_what_to_change(client, network):
    response = client.get("/twins/?q=atlantis")
    text = page_text(response)
    assert "0 twins" in text
    assert "No twin matches these filters." in text
    assert 'href="/twins/">show every twin</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("country=XX", "Country: “XX”"),
        ("status=bogus", "Membership status: “bogus”"),
        ("border=1", "Border: “1”"),
        ("sector=nope", "Sector of cooperation: “nope”"),
        ("sort=random", "Sort by: “random”"),
        ("q=" + "x" * 5000, "Name: “" + "x" * 39 + "…”"),
        ("q=nar%00va", "Name: “narva”"),
        ("country=%00", "Country: “”"),
        ("country=P%C5%81", "Country: “PŁ”"),
        ("status=%ff%fe", "Membership status: “"),
    ],
)
def test_a_bad_filter_value_is_ignored_with_a_notice_never_an_error(client, network, query, named):
    response = client.get(f"/twins/?{query}")
    assert response.status_code == 200
    assert listed(response) == list(RECORD)
    text = page_text(response)
    assert "Some filters were ignored" in text
    assert named in text


def test_only_the_bad_filter_is_ignored_the_good_ones_still_apply(client, network):
    response = client.get("/twins/?country=PL&status=bogus&border=internal")
    assert listed(response) == [
        "frankfurt-oder-slubice",
        "gorlitz-zgorzelec",
        "cieszyn-cesky-tesin",
    ]
    assert "Membership status: “bogus”" in page_text(response)
    # The form and the CSV link carry only what was applied.
    content = response.content.decode()
    assert "bogus" not in content.split("</form>")[0].split("<form")[1]
    assert 'href="/twins.csv?country=PL&amp;border=internal"' in content


def test_repeated_and_unknown_parameters_do_not_break_the_directory(client, network):
    response = client.get("/twins/?country=DE&country=PL&border=internal&border=&utm_source=x")
    assert response.status_code == 200
    # The last value of a repeated parameter wins, as everywhere in Django.
    assert listed(response) == [*list(RECORD)[2:4], "cieszyn-cesky-tesin"]


def test_the_directory_answers_only_safe_methods(client, network):
    assert client.post("/twins/").status_code == 405
    assert client.head("/twins/").status_code == 200


# A twin's page


def test_csv_has_one_row_per_city_with_its_details(client, network):
    response = client.get("/twins.csv")
    rows = csv_rows(response)
    assert list(rows[0]) == [
        "Twin",
        "Twin slug",
        "City",
        "Native name",
        "Country code",
        "Country",
        "Membership status",
        "Status note",
        "Border",
        "Latitude",
        "Longitude",
        "Population",
        "Website",
    ]
    assert len(rows) == 14
    assert [row["City"] for row in rows[:2]] == ["Imatra", "Svetogorsk"]
    tesin = next(row for row in rows if row["City"] == "Český Těšín")
    assert tesin["Twin"] == "Cieszyn – Český Těšín"
    assert tesin["Twin slug"] == "cieszyn-cesky-tesin"
    assert tesin["Country code"] == "CZ" and tesin["Country"] == "Czechia"
    assert tesin["Membership status"] == "Prospective member"
    assert tesin["Status note"].startswith("Has not joined yet")
    assert tesin["Border"] == "EU internal border"
    assert tesin["Latitude"] == "49.74610" and tesin["Longitude"] == "18.62610"
    assert tesin["Population"] == "" and tesin["Website"] == ""
    svetogorsk = next(row for row in rows if row["City"] == "Svetogorsk")
    assert svetogorsk["Native name"] == "Светогорск"
    assert svetogorsk["Border"] == "EU external border"
    valka = next(row for row in rows if row["City"] == "Valka")
    assert valka["Country code"] == "LV"


def test_csv_honours_the_filters_and_ignores_bad_ones(client, network):
    rows = csv_rows(client.get("/twins.csv?country=PL&border=internal&sort=name"))
    assert [row["City"] for row in rows] == [
        "Cieszyn",
        "Český Těšín",
        "Frankfurt (Oder)",
        "Słubice",
        "Görlitz",
        "Zgorzelec",
    ]
    rows = csv_rows(client.get("/twins.csv?q=tesin"))
    assert {row["Twin slug"] for row in rows} == {"cieszyn-cesky-tesin"}
    assert len(csv_rows(client.get("/twins.csv?country=XX&q=%00"))) == 14


def test_directory_links_to_the_csv_of_what_it_shows(client, network):
    content = client.get("/twins/?border=external").content.decode()
    assert 'href="/twins.csv?border=external"' in content


# Sectors


@pytest.mark.parametrize(
    ("countries", "kind"),
    [
        (("FI", "SE"), BorderKind.INTERNAL),
        (("PL", "CZ"), BorderKind.INTERNAL),
        (("LV", "EE"), BorderKind.INTERNAL),
        (("FI", "RU"), BorderKind.EXTERNAL),
        (("RU", "EE"), BorderKind.EXTERNAL),
        (("NO", "SE"), BorderKind.EXTERNAL),
        (("UA", "BY"), BorderKind.EXTERNAL),
    ],
)
def test_border_kind_is_external_when_a_side_lies_outside_the_eu(countries, kind):
    assert border_kind(*countries) == kind


def test_a_twins_border_follows_its_cities_countries():
    twin = CityTwinFactory()
    CityFactory(twin=twin, country="FI")
    CityFactory(twin=twin, country="SE")
    assert twin.border == BorderKind.INTERNAL
    City.objects.filter(twin=twin, country="SE").update(country="NO")
    assert CityTwin.objects.get(pk=twin.pk).border == BorderKind.EXTERNAL


def test_the_record_has_two_external_and_five_internal_twins(network):
    kinds = {twin.slug: twin.border for twin in CityTwin.objects.with_cities()}
    assert sorted(slug for slug, kind in kinds.items() if kind == BorderKind.EXTERNAL) == [
        "imatra-svetogorsk",
        "narva-ivangorod",
    ]


# A fixed number of queries, whatever the size of the network


PAGES = {
    # The matching twins' ids (in order), then the page's twins and their cities.
    "/twins/": 6,
    # Sorted by country: the matching twins' cities' countries, one query more.
    "/twins/?country=FI&border=internal&q=a&sort=country": 7,
    # The twin's published projects and practices (one query each) and its upcoming meetings
    # (events, one more).
    "/twins/tornio-haparanda/": 12,
    "/twins.csv": 4,
    "/twins.xlsx?sort=name": 4,
    # Sectors with their twins and services, the twins, projects and practices per sector, the
    # matrix's projects and practices per twin and sector, and the twins' services and ticked
    # sectors (twins_per_sector).
    "/sectors/": 8,
    # The sector's projects, practices and upcoming meetings add one query each.
    "/sectors/city-administrations/": 8,
}


@pytest.mark.parametrize("size", [0, 300], ids=["record", "300 more twins"])
@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_pages_run_a_fixed_number_of_queries(
    client, network, django_assert_num_queries, size, url, queries
):
    sector = Sector.objects.get(slug="city-administrations")
    CityTwin.objects.get(slug="tornio-haparanda").sectors.add(sector)
    ContactFactory(city=City.objects.get(slug="tornio"))
    if size:
        twins_create(size)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert url.startswith(("/twins.csv", "/twins.xlsx", "/sectors/", "/twins/t")) or len(
        listed(response)
    )


def test_a_members_reading_of_a_twin_page_runs_a_fixed_number_of_queries(
    client, network, django_assert_num_queries
):
    client.force_login(UserFactory(city=City.objects.get(slug="narva")))
    twins_create(50)
    # The session, the user, the user's city and the header's link to the user's own twin come
    # on top of the public page's queries.
    with django_assert_num_queries(12 + 4):
        client.get("/twins/tornio-haparanda/")


def test_the_directory_draws_twins_without_coordinates_in_the_list_only(client, network):
    twin = CityTwinFactory(name="Nowhere – Anywhere", slug="nowhere-anywhere")
    CityFactory(twin=twin, latitude=None, longitude=None)
    content = client.get("/twins/").content.decode()
    assert 'id="twin-nowhere-anywhere"' in content
    assert 'href="/twins/nowhere-anywhere/" class="map-twin' not in content


def test_a_client_without_cookies_gets_the_same_directory(network):
    assert Client(enforce_csrf_checks=True).get("/twins/").status_code == 200


def test_shared_services_and_contacts_come_from_their_own_twin_only(client, network):
    other = CityTwinFactory()
    SharedServiceFactory(twin=other, name="Someone else's ferry")
    ContactFactory(city=CityFactory(twin=other), name="Someone Else")
    text = page_text(client.get("/twins/tornio-haparanda/"))
    assert "Someone else's ferry" not in text and "Someone Else" not in text
    assert Contact.objects.count() == 1
