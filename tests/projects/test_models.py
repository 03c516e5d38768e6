"""What the database itself guarantees of projects, and the status pipeline's service."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import City
from projects.models import Project, ProjectPartner, ProjectStatus, ProjectStatusChange
from projects.services.status import project_status_change
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tornio(network):
    return City.objects.get(slug="tornio")


@pytest.fixture
def haparanda(network):
    return City.objects.get(slug="haparanda")


def refused(**fields) -> bool:
    try:
        with transaction.atomic():
            ProjectPartner.objects.create(**fields)
    except IntegrityError:
        return True
    return False


def test_the_database_refuses_a_second_lead(postgresql, tornio, haparanda):
    project = ProjectFactory(lead=tornio)
    assert refused(project=project, city=haparanda, role="lead")
    assert not refused(project=project, city=haparanda, role="partner")
    # Another project has its own lead.
    assert not refused(project=ProjectFactory(), city=haparanda, role="lead")


def test_a_second_lead_is_refused_on_sqlite_too(tornio, haparanda):
    project = ProjectFactory(lead=tornio)
    assert refused(project=project, city=haparanda, role="lead")


def test_a_partner_is_a_city_or_an_organisation_never_both_nor_neither(tornio):
    project = ProjectFactory()
    assert refused(project=project, city=tornio, organisation="Lapland University", role="partner")
    assert refused(project=project, role="associated")
    assert not refused(project=project, organisation="Lapland University", role="associated")


def test_an_organisation_outside_the_network_is_an_associated_partner_only(tornio):
    project = ProjectFactory()
    assert refused(project=project, organisation="Lapland University", role="lead")
    assert refused(project=project, organisation="Lapland University", role="partner")


def test_a_city_is_a_partner_of_a_project_once(tornio):
    project = ProjectFactory(lead=tornio)
    assert refused(project=project, city=tornio, role="partner")


def test_a_project_ends_after_it_starts(network):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2024, 1, 1))


def test_the_projects_twins_come_from_its_partner_cities(network, tornio, haparanda):
    narva = City.objects.get(slug="narva")
    project = ProjectFactory(lead=tornio, partners=[haparanda, narva])
    ProjectPartner.objects.create(project=project, organisation="Lapland Uni", role="associated")
    project = Project.objects.prefetch_related("partners__city__twin").get(pk=project.pk)
    assert [twin.slug for twin in project.twins()] == ["tornio-haparanda", "narva-ivangorod"]
    assert project.lead.city == tornio
    assert [p.name for p in project.partners_in_order()] == [
        "Tornio",
        "Haparanda",
        "Narva",
        "Lapland Uni",
    ]
    assert set(Project.objects.of_twin("narva-ivangorod")) == {project}
    assert not Project.objects.of_twin("valka-valga").exists()


def test_each_status_is_kept_with_its_day_and_who_set_it(secretary):
    project = ProjectFactory()
    first = project_status_change(
        project=project, status=ProjectStatus.IDEA, on=datetime.date(2024, 2, 1), by=secretary
    )
    assert first is not None
    # The status it has, already recorded: nothing new.
    assert project_status_change(project=project, status=ProjectStatus.IDEA, by=secretary) is None
    project_status_change(project=project, status=ProjectStatus.RUNNING, by=secretary)
    project.refresh_from_db()
    assert project.status == ProjectStatus.RUNNING
    changes = list(ProjectStatusChange.objects.filter(project=project))
    assert [(c.status, c.changed_by) for c in changes] == [
        ("idea", secretary),
        ("running", secretary),
    ]
    assert changes[0].changed_on == datetime.date(2024, 2, 1)
    assert changes[1].changed_on == timezone.localdate()
    # The project's history shows who changed the status.
    assert project.history.first().history_user == secretary


@pytest.mark.parametrize(
    ("year", "active"),
    [(2019, False), (2020, True), (2022, True), (2023, False)],
)
def test_a_project_is_active_in_the_years_it_spans(network, year, active):
    project = ProjectFactory(starts_on=datetime.date(2020, 6, 1), ends_on=datetime.date(2022, 5, 1))
    assert Project.objects.active_in(year).filter(pk=project.pk).exists() == active


def test_an_open_ended_project_is_active_from_its_start_on(network):
    project = ProjectFactory(starts_on=datetime.date(2020, 6, 1))
    assert Project.objects.active_in(2031).filter(pk=project.pk).exists()
    assert not Project.objects.active_in(2019).filter(pk=project.pk).exists()
