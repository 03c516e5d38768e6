"""`load_network --demo`: sample projects, practices and calls, marked "Sample", loaded once."""

import io

import pytest
from django.core.management import call_command

from projects.models import (
    FundingCall,
    FundingLine,
    Practice,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
)
from tests.projects.reading import page_text

pytestmark = pytest.mark.django_db

MODELS = [
    Programme,
    Project,
    ProjectPartner,
    FundingLine,
    ProjectStatusChange,
    Practice,
    FundingCall,
]


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_network", *args, stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_adds_samples_once_and_only_when_asked(db):
    load()
    assert set(counts().values()) == {0}
    first = load("--demo")
    created = counts()
    assert f"Samples from Projects and practices: {sum(created.values())} created." in first
    assert created["Project"] == 4 and created["Practice"] == 2 and created["FundingCall"] == 2
    second = load("--demo")
    assert "Samples from Projects and practices: 0 created." in second
    assert counts() == created
    assert not Project.objects.filter(is_sample=False).exists()
    assert not Practice.objects.filter(is_sample=False).exists()
    assert not FundingCall.objects.filter(is_sample=False).exists()


def test_the_flagship_good_practice_comes_from_the_record(client, demo):
    practice = Practice.objects.get(slug="sample-tornio-haparanda-shared-services")
    assert practice.kind == "good" and practice.is_published
    assert [twin.slug for twin in practice.twins.all()] == ["tornio-haparanda"]
    text = page_text(client.get(practice.get_absolute_url()))
    for service in ["Provincia Bothniensis", "joint language school", "rescue services"]:
        assert service in text
    # Every sample project has exactly one lead.
    for project in Project.objects.all():
        assert project.partners.filter(role="lead").count() == 1, project


@pytest.mark.parametrize(
    "url",
    [
        "/projects/",
        "/projects/sample-valka-valga-joint-services/",
        "/practices/",
        "/practices/sample-rules-checked-too-late/",
        "/funding/",
        "/twins/tornio-haparanda/",
        "/sectors/culture/",
    ],
)
def test_every_page_marks_the_samples(client, demo, url):
    content = client.get(url).content.decode()
    assert '<span class="badge badge-sample">Sample</span>' in content


def test_every_sample_in_a_list_carries_the_mark(client, demo):
    content = client.get("/projects/").content.decode()
    cards = content.split('<article class="card project-card"')[1:]
    assert len(cards) == 4
    assert all("badge-sample" in card for card in cards)
