"""/projects/: filters, search, sorting, pages, the timeline, the funding summary; a project's
page; the list as CSV and XLSX."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from members.models import City, Sector
from projects.models import FundingLine, ProjectPartner
from projects.services.status import project_status_change
from tests.factories import PracticeFactory, ProgrammeFactory, ProjectFactory
from tests.projects.reading import listed_projects, page_text

pytestmark = pytest.mark.django_db

D = datetime.date


def city(slug):
    return City.objects.get(slug=slug)


def sector(slug):
    return Sector.objects.get(slug=slug)


@pytest.fixture
def projects(network):
    aurora = ProgrammeFactory(slug="interreg-aurora", name="Interreg Aurora")
    estlat = ProgrammeFactory(slug="interreg-estonia-latvia", name="Interreg Estonia–Latvia")
    ferry = ProjectFactory(
        slug="ferry",
        title="A ferry for the Torne river",
        status="running",
        starts_on=D(2023, 5, 1),
        ends_on=D(2026, 4, 30),
        lead=city("tornio"),
        partners=[city("haparanda")],
        sectors=[sector("border-crossing")],
    )
    bridge = ProjectFactory(
        slug="bridge",
        title="Friendship bridge of Český Těšín",
        status="idea",
        lead=city("cieszyn"),
        partners=[city("cesky-tesin")],
        sectors=[sector("culture")],
    )
    river = ProjectFactory(
        slug="river",
        title="Narva river promenade",
        summary="A walk along the river, on both banks.",
        status="running",
        starts_on=D(2020, 1, 1),
        ends_on=D(2021, 12, 31),
        lead=city("narva"),
        partners=[city("ivangorod")],
        sectors=[sector("border-crossing"), sector("culture")],
    )
    ProjectPartner.objects.create(
        project=river, organisation="Nordic Council", country="NO", role="associated"
    )
    FundingLine.objects.create(project=ferry, programme=aurora, amount=100000, status="granted")
    FundingLine.objects.create(project=ferry, programme=aurora, amount=5000, status="rejected")
    FundingLine.objects.create(
        project=river, programme=estlat, amount=Decimal("2500.50"), status="applied"
    )
    ProjectFactory(
        slug="secret", title="A ferry not yet published", publication="draft", lead=city("tornio")
    )
    ProjectFactory(
        slug="waiting", title="A ferry submitted", publication="submitted", lead=city("tornio")
    )
    return {"ferry": ferry, "bridge": bridge, "river": river}


def test_the_list_shows_published_projects_only_latest_start_first(client, projects):
    response = client.get("/projects/")
    assert response.status_code == 200
    # Started latest first; a project without a start comes last.
    assert listed_projects(response) == ["ferry", "river", "bridge"]
    text = page_text(response)
    assert "3 projects" in text
    assert "not yet published" not in text and "submitted" not in text


def test_a_card_says_status_years_twins_lead_sectors_and_funding(client, projects):
    text = page_text(client.get("/projects/?twin=tornio-haparanda"))
    assert "A ferry for the Torne river Running 2023–2026" in text
    assert "Twins Tornio – Haparanda" in text
    assert "Lead partner Tornio" in text
    assert "Sectors Border crossing" in text
    assert "Funding Interreg Aurora (granted); Interreg Aurora (rejected)" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=border-crossing", ["ferry", "river"]),
        ("sector=culture", ["river", "bridge"]),
        ("status=running", ["ferry", "river"]),
        ("status=idea", ["bridge"]),
        ("twin=narva-ivangorod", ["river"]),
        ("twin=cieszyn-cesky-tesin", ["bridge"]),
        ("country=SE", ["ferry"]),
        ("country=cz", ["bridge"]),
        ("country=NO", ["river"]),
        ("programme=interreg-aurora", ["ferry"]),
        ("year=2021", ["river"]),
        ("year=2024", ["ferry"]),
        ("year=2030", []),
        ("q=tesin", ["bridge"]),
        ("q=TĚŠÍN", ["bridge"]),
        ("q=těšín", ["bridge"]),
        ("q=haparanda", ["ferry"]),
        ("q=both banks", ["river"]),
        ("q=  FERRY ", ["ferry"]),
        # Filters combine: every one applies.
        ("sector=border-crossing&status=running&twin=narva-ivangorod&q=promenade", ["river"]),
        ("sector=border-crossing&status=running&twin=tornio-haparanda&q=promenade", []),
        ("sector=culture&status=running", ["river"]),
        ("sector=culture&status=idea&q=bridge", ["bridge"]),
        ("programme=interreg-estonia-latvia&year=2020&country=EE", ["river"]),
    ],
)
def test_filters_apply_and_combine(client, projects, query, expected):
    response = client.get(f"/projects/?{query}")
    assert response.status_code == 200
    assert listed_projects(response) == expected
    assert "were ignored" not in page_text(response)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("sector=astrology", "Sector: “astrology”"),
        ("status=finished", "Status: “finished”"),
        ("twin=atlantis", "Twin: “atlantis”"),
        ("country=XX", "Country: “XX”"),
        ("programme=nope", "Programme: “nope”"),
        ("year=abc", "Active in year: “abc”"),
        ("year=1066", "Active in year: “1066”"),
        ("sort=random", "Sort by: “random”"),
        ("page=zero", "Page: “zero”"),
        ("page=-1", "Page: “-1”"),
        ("q=" + "x" * 5000, "Search: “" + "x" * 39 + "…”"),
        ("q=fer%00ry", "Search: “ferry”"),
        ("status=%ff%fe", "Status: “"),
    ],
)
def test_a_bad_value_is_named_in_a_notice_never_a_500(client, projects, query, named):
    response = client.get(f"/projects/?{query}")
    assert response.status_code == 200
    text = page_text(response)
    assert "Some filters were ignored" in text
    assert named in text
    assert listed_projects(response) == ["ferry", "river", "bridge"]


def test_only_the_bad_value_is_ignored(client, projects):
    response = client.get("/projects/?status=running&sector=astrology&twin=narva-ivangorod")
    assert listed_projects(response) == ["river"]
    content = response.content.decode()
    assert "Sector: “astrology”" in page_text(response)
    assert 'href="/projects.csv?status=running&amp;twin=narva-ivangorod"' in content


def test_search_folds_what_postgresql_collations_fold(client, postgresql, network):
    ProjectFactory(slug="strasse", title="Die Grenzſtraße von Görlitz", lead=city("gorlitz"))
    ProjectFactory(slug="istanbul", title="Kapı açık", lead=city("narva"))
    assert listed_projects(client.get("/projects/?q=grenzstrasse")) == ["strasse"]
    assert listed_projects(client.get("/projects/?q=GRENZSTRASSE")) == ["strasse"]
    assert listed_projects(client.get("/projects/?q=gorlitz")) == ["strasse"]
    assert listed_projects(client.get("/projects/?q=kapı")) == ["istanbul"]
    assert listed_projects(client.get("/projects/?q=KAPI")) == []


def test_sorts_by_title_and_by_earliest_start(client, projects):
    assert listed_projects(client.get("/projects/?sort=title")) == ["ferry", "bridge", "river"]
    assert listed_projects(client.get("/projects/?sort=start")) == ["river", "ferry", "bridge"]


def test_pages_of_twenty_keep_the_filters(client, network):
    for n in range(25):
        ProjectFactory(slug=f"p-{n:02d}", title=f"Project {n:02d}", lead=city("tornio"))
    first = client.get("/projects/?twin=tornio-haparanda&sort=title")
    assert len(listed_projects(first)) == 20
    assert "25 projects" in page_text(first)
    content = first.content.decode()
    assert 'href="?twin=tornio-haparanda&amp;sort=title&amp;page=2" rel="next"' in content
    second = client.get("/projects/?twin=tornio-haparanda&sort=title&page=2")
    assert listed_projects(second) == [f"p-{n}" for n in range(20, 25)]
    assert 'aria-current="page">2</a>' in second.content.decode()
    # A page past the end shows the last one; the files hold every page.
    assert listed_projects(client.get("/projects/?sort=title&page=99")) == listed_projects(second)
    assert len(csv_rows(client.get("/projects.csv?twin=tornio-haparanda"))) == 25


def test_the_timeline_draws_the_dated_projects_of_the_page(client, projects):
    response = client.get("/projects/")
    content = response.content.decode()
    svg = re.search(r"<svg[^>]*timeline-svg.*?</svg>", content, re.S).group(0)
    assert 'role="img"' in svg
    assert "the list below gives the same years as text" in svg
    assert re.findall(r'class="timeline-label"[^>]*>([^<]+)<', svg) == [
        "A ferry for the Torne river",
        "Narva river promenade",
    ]
    assert svg.count('class="timeline-bar') == 2
    years = re.findall(r'class="timeline-year"[^>]*>(\d+)<', svg)
    assert years[0] == "2020" and years[-1] == "2026"
    assert 'href="#project-list">listed as text</a>' in content
    # No project with dates, no timeline.
    assert "timeline-svg" not in client.get("/projects/?status=idea").content.decode()


def test_funding_is_summed_by_programme_and_status_for_the_filtered_projects(client, projects):
    content = client.get("/projects/").content.decode()
    table = page_text_of(content, "funding-summary")
    assert "Programme Planned Applied Granted Rejected" in table
    assert "Interreg Aurora 0 0 100,000 5,000" in table
    assert "Interreg Estonia–Latvia 0 2,500.50 0 0" in table
    assert "All programmes 0 2,500.50 100,000 5,000" in table
    filtered = page_text_of(
        client.get("/projects/?twin=narva-ivangorod").content.decode(), "funding-summary"
    )
    assert "Interreg Aurora" not in filtered
    assert "for every project matching the filters" in filtered


def page_text_of(content: str, section_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{section_id}".*?</section>', content, re.S)
    return page_text_from(match.group(0)) if match else ""


def page_text_from(markup: str) -> str:
    from tests.members.reading import readable

    return readable(markup)


def test_a_project_page_shows_partners_funding_history_outcomes_practices_and_map(
    client, projects, secretary
):
    ferry = projects["ferry"]
    ferry.outcomes = "**Two** ferries <script>alert(1)</script>"
    ferry.website = "https://ferry.example.org/"
    ferry.total_budget = Decimal("150000")
    ferry.save()
    project_status_change(project=ferry, status="idea", on=D(2022, 1, 10), by=secretary)
    project_status_change(project=ferry, status="running", on=D(2023, 5, 1), by=secretary)
    PracticeFactory(slug="ferry-lesson", title="Ferry timetables", project=ferry, kind="bad")
    PracticeFactory(
        slug="ferry-draft", title="Unpublished practice", project=ferry, publication="draft"
    )
    response = client.get("/projects/ferry/")
    assert response.status_code == 200
    text = page_text(response)
    content = response.content.decode()
    # (Tags read as spaces: "Haparanda )" is "Haparanda</a>)".)
    assert "Tornio (Finland, Tornio – Haparanda ) — Lead partner" in text
    assert "Haparanda (Sweden, Tornio – Haparanda ) — Partner" in text
    assert "Interreg Aurora 100,000 Granted" in text
    assert "Granted in all: 100,000 €." in text
    assert "Total budget €150,000" in text
    assert "10 January 2022 : Idea" in text and "1 May 2023 : Running" in text
    assert "<strong>Two</strong> ferries" in content and "<script>alert" not in content
    assert "Ferry timetables Lesson: a practice to avoid" in text
    assert "Unpublished practice" not in text
    assert 'href="/twins/tornio-haparanda/" class="map-twin' in content
    assert 'href="/twins/narva-ivangorod/" class="map-twin' not in content


def test_what_is_not_known_is_left_out(client, projects):
    content = client.get("/projects/bridge/").content.decode()
    main = page_text_from(content.split('<main id="main"')[1].split("</main>")[0])
    for absent in [
        "Start",
        "End",
        "Total budget",
        "Website",
        "Funding",
        "Status history",
        "Outcomes",
        "Practices from this project",
        "About the project",
        "Not given",
    ]:
        assert absent not in main, absent
    assert "Cieszyn (Poland, Cieszyn – Český Těšín ) — Lead partner" in main


def test_unpublished_and_unknown_projects_answer_404(client, projects):
    for slug in ["secret", "waiting", "atlantis"]:
        response = client.get(f"/projects/{slug}/")
        assert response.status_code == 404
        assert "We could not find that page" in response.content.decode()


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_has_a_row_per_project_with_the_filters_of_the_page(client, projects, settings):
    settings.SITE_URL = "https://citytwins.example.org"
    rows = csv_rows(client.get("/projects.csv"))
    assert [row["Title"] for row in rows] == [
        "A ferry for the Torne river",
        "Narva river promenade",
        "Friendship bridge of Český Těšín",
    ]
    river = rows[1]
    assert river["Address"] == "https://citytwins.example.org/projects/river/"
    assert river["Status"] == "Running"
    assert river["Start"] == "2020-01-01" and river["End"] == "2021-12-31"
    assert river["Lead partner"] == "Narva"
    assert river["Partners"] == "Ivangorod"
    assert river["Associated organisations"] == "Nordic Council"
    assert river["Twins"] == "Narva – Ivangorod"
    assert river["Sectors"] == "Border crossing; Cultural co-operation"
    assert river["Applied (EUR)"] == "2500.50"
    assert river["Granted (EUR)"] == "0"
    assert rows[2]["Applied (EUR)"] == ""  # no funding line: nothing is known
    filtered = csv_rows(client.get("/projects.csv?twin=narva-ivangorod&status=bogus"))
    assert [row["Title"] for row in filtered] == ["Narva river promenade"]


FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_files_never_hold_a_formula(client, network, settings, formula):
    settings.SITE_URL = "https://citytwins.example.org"
    ProjectFactory(slug="evil", title=formula, summary=formula, lead=city("tornio"))
    ProjectPartner.objects.create(
        project_id=ProjectFactory._meta.model.objects.get(slug="evil").pk,
        organisation=formula,
        role="associated",
    )
    row = csv_rows(client.get("/projects.csv"))[0]
    assert row["Title"] == "'" + formula
    assert row["Associated organisations"] == "'" + formula
    assert row["Address"] == "https://citytwins.example.org/projects/evil/"

    response = client.get("/projects.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    title = sheet.cell(row=2, column=header.index("Title") + 1)
    assert title.value == formula and title.data_type == "s"
    organisation = sheet.cell(row=2, column=header.index("Associated organisations") + 1)
    assert organisation.data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_the_xlsx_keeps_numbers_and_dates_as_such(client, projects):
    sheet = load_workbook(io.BytesIO(client.get("/projects.xlsx").content)).active
    header = [cell.value for cell in sheet[1]]
    river = [cell.value for cell in sheet[3]]
    assert river[header.index("Title")] == "Narva river promenade"
    assert river[header.index("Applied (EUR)")] == pytest.approx(2500.5)
    assert river[header.index("Start")].date() == D(2020, 1, 1)


def test_the_pages_answer_only_safe_methods(client, projects):
    for url in ["/projects/", "/projects/ferry/", "/projects.csv", "/projects.xlsx"]:
        assert client.post(url).status_code == 405
        assert client.head(url).status_code == 200
