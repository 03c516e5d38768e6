"""/practices/: good ones to copy, bad ones as lessons; filters, search, a practice's page."""

import pytest

from members.models import CityTwin, Sector
from projects.models import EvidenceLink
from tests.factories import PracticeFactory, ProjectFactory
from tests.projects.reading import listed_practices, page_text

pytestmark = pytest.mark.django_db


def twin(slug):
    return CityTwin.objects.get(slug=slug)


@pytest.fixture
def practices(network):
    health = Sector.objects.get(slug="social-and-health")
    schools = Sector.objects.get(slug="education-and-training")
    return {
        "school": PracticeFactory(
            slug="school",
            title="Joint language school",
            kind="good",
            twins=[twin("tornio-haparanda")],
            sectors=[schools],
            context="Finnish- and Swedish-speaking children in two towns.",
        ),
        "clinic": PracticeFactory(
            slug="clinic",
            title="Clinic planned on one side only",
            kind="bad",
            twins=[twin("valka-valga"), twin("narva-ivangorod")],
            sectors=[health],
            lessons="Ask Český Těšín first.",
        ),
        "draft": PracticeFactory(
            slug="draft",
            title="Draft practice",
            publication="draft",
            twins=[twin("tornio-haparanda")],
        ),
        "submitted": PracticeFactory(
            slug="submitted", title="Submitted practice", publication="submitted"
        ),
    }


def test_the_list_shows_published_practices_and_marks_the_bad_ones_as_lessons(client, practices):
    response = client.get("/practices/")
    assert response.status_code == 200
    assert listed_practices(response) == ["clinic", "school"]
    text = page_text(response)
    assert "2 practices" in text
    assert "Clinic planned on one side only Lesson: a practice to avoid" in text
    assert "Joint language school Good practice to copy" in text
    assert "Draft practice" not in text and "Submitted practice" not in text
    assert "never who is to blame" in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=good", ["school"]),
        ("kind=bad", ["clinic"]),
        ("sector=social-and-health", ["clinic"]),
        ("twin=narva-ivangorod", ["clinic"]),
        ("twin=tornio-haparanda", ["school"]),
        ("q=SWEDISH", ["school"]),
        ("q=tesin", ["clinic"]),
        ("q=těšín", ["clinic"]),
        ("kind=bad&sector=social-and-health&twin=valka-valga&q=clinic", ["clinic"]),
        ("kind=good&twin=valka-valga", []),
    ],
)
def test_filters_apply_and_combine(client, practices, query, expected):
    response = client.get(f"/practices/?{query}")
    assert listed_practices(response) == expected
    assert "were ignored" not in page_text(response)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("kind=ugly", "Good or bad: “ugly”"),
        ("sector=astrology", "Sector: “astrology”"),
        ("twin=atlantis", "Twin: “atlantis”"),
        ("page=x", "Page: “x”"),
    ],
)
def test_bad_values_are_named_never_a_500(client, practices, query, named):
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 200
    assert named in page_text(response)
    assert listed_practices(response) == ["clinic", "school"]


def test_a_bad_practice_reads_as_a_lesson_without_blaming_anyone(client, practices):
    EvidenceLink.objects.create(
        practice=practices["clinic"], title="Evaluation report", url="https://example.org/r"
    )
    response = client.get("/practices/clinic/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Lesson: a practice to avoid" in text
    assert "not who is to blame" in text
    assert "Lessons Ask Český Těšín first." in text
    assert "Twins Narva – Ivangorod , Valka – Valga Sectors Social and health issues" in text
    assert 'href="https://example.org/r" rel="noopener">Evaluation report</a>' in (
        response.content.decode()
    )
    # Nobody's name: the proposer is not shown.
    assert "proposed by" not in text.lower()


def test_a_good_practice_links_its_published_project_only(client, practices, network):
    school = practices["school"]
    school.project = ProjectFactory(slug="published", title="The school project")
    school.save()
    assert "Project The school project" in page_text(client.get("/practices/school/"))
    school.project = ProjectFactory(slug="hidden", title="Hidden project", publication="draft")
    school.save()
    assert "Hidden project" not in page_text(client.get("/practices/school/"))


def test_unpublished_practices_answer_404(client, practices):
    for slug in ["draft", "submitted", "nope"]:
        assert client.get(f"/practices/{slug}/").status_code == 404
