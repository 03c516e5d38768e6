"""`manage.py generate_network`: the synthetic network is deterministic, idempotent, valid, and
comes in addition to the association's record."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from events.models import Event, Registration, RegistrationStatus
from members.models import City, CityTwin, Contact, User
from members.synthetic import _twins_plan
from projects.models import Practice, Project, ProjectPartner, ProjectStatusChange, Role

pytestmark = pytest.mark.django_db

SIZES = {"twins": 6, "projects": 30, "events": 12, "members": 60}
RECORD_TWINS = 7


def generate(seed: int = 1, **sizes) -> str:
    out = io.StringIO()
    options = {**SIZES, **sizes}
    call_command("generate_network", *(f"--{k}={v}" for k, v in options.items()),
                 f"--seed={seed}", stdout=out, stderr=io.StringIO())  # fmt: skip
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [CityTwin, City, Contact, User, Project, ProjectPartner, ProjectStatusChange,
              Practice, Event, Registration, CityTwin.history.model]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_the_counts_asked_for_come_in_addition_to_the_record(network):
    generate()
    assert CityTwin.objects.count() == RECORD_TWINS + SIZES["twins"]
    assert City.objects.count() == 2 * (RECORD_TWINS + SIZES["twins"])
    assert User.objects.count() == SIZES["members"]
    assert Project.objects.count() == SIZES["projects"]
    assert Practice.objects.count() == SIZES["projects"] // 5
    assert Event.objects.count() == SIZES["events"]
    # The record is untouched: its twins keep their slugs and a second load changes nothing.
    assert CityTwin.objects.filter(slug="tornio-haparanda", position__lt=1000).exists()
    out = io.StringIO()
    call_command("load_network", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()


def test_a_second_run_with_the_same_seed_adds_nothing(network):
    first = generate(seed=3)
    counts = row_counts()
    second = generate(seed=3)
    assert row_counts() == counts
    assert "6 twins" in first
    assert "0 twins, 0 cities, 0 members, 0 projects, 0 practices, 0 events" in second


def test_the_same_seed_gives_the_same_network_and_a_smaller_run_is_its_beginning():
    def names(count, seed):
        return [(twin.slug, twin.name, [c.slug for c in cities]) for twin, cities in
                _twins_plan(count, seed)]  # fmt: skip

    assert names(12, seed=5) == names(12, seed=5)
    assert names(12, seed=5)[:4] == names(4, seed=5)
    assert names(12, seed=5) != names(12, seed=6)


def test_every_project_has_exactly_one_lead_and_partners_once(network):
    generate()
    leads = Project.objects.annotate(
        leads=Count("partners", filter=Q(partners__role=Role.LEAD))
    ).values_list("leads", flat=True)
    assert set(leads) == {1}
    lead_cities = ProjectPartner.objects.filter(role=Role.LEAD, city__isnull=True)
    assert not lead_cities.exists()


def test_registrations_respect_the_places(network):
    generate(events=30, members=120)
    events = Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
    )
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).exists()
    for event in events:
        if event.capacity is None:
            assert event.waitlisted == 0
        else:
            assert event.confirmed <= event.capacity
            # Nobody waits while a place is free.
            assert event.waitlisted == 0 or event.confirmed == event.capacity
        if event.published_at is None:
            assert event.confirmed == event.waitlisted == 0
    assert not Registration.objects.filter(person__is_active=False).exists()


def test_generated_rows_are_valid_and_searchable(network):
    generate()
    twin = CityTwin.objects.filter(position__gte=1000).first()
    city = twin.cities.first()
    # Saved in bulk, yet found by the folded names as if saved one by one.
    assert CityTwin.objects.search(city.name.upper()).filter(pk=twin.pk).exists()
    project = Project.objects.first()
    assert Project.objects.search(project.title.split(":")[0]).filter(pk=project.pk).exists()
    for model in (CityTwin, City, Project, Event, Practice):
        for row in model.objects.all()[:20]:
            row.full_clean(validate_unique=False)
    # Staff edited some twins later: their pages say when and from which city.
    assert CityTwin.history.filter(history_type="~", history_user__city__isnull=False).exists()
    assert not User.objects.exclude(email__endswith=".example").exists()


def test_without_the_record_it_says_what_to_load_first(db):
    with pytest.raises(CommandError, match="load_network"):
        generate()
