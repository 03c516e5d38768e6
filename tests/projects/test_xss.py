"""What city staff send through the proposal forms never reaches a public page as executable
markup, once the secretary has published it."""

import pytest

from members.models import Sector
from projects.models import Practice, Project
from projects.services.publication import proposal_publish
from tests.members.test_xss import DANGEROUS_TAGS, PAYLOADS, parsed
from tests.projects.posting import practice_post, project_post

pytestmark = pytest.mark.django_db


def test_forty_payloads():
    assert len(PAYLOADS) >= 40


def propose(client, *, text: str, secretary) -> tuple[Project, Practice]:
    """A project and a practice with `text` in every field a person types, published."""
    culture = str(Sector.objects.get(slug="culture").pk)
    response = client.post(
        "/my/projects/new/",
        project_post(
            partners=(("tornio", "lead"), ("haparanda", "partner"), (text[:200], "associated")),
            title=text[:200],
            summary=text[:300],
            description=text,
            outcomes=text,
            starts_on="2024-01-01",
            ends_on="2026-12-31",
            sectors=[culture],
        ),
    )
    assert response.status_code == 302, "the proposal was refused"
    response = client.post(
        "/my/practices/new/",
        practice_post(
            title=text[:200],
            kind="bad",
            sectors=[culture],
            context=text,
            what_was_done=text,
            what_happened=text,
            lessons=text,
            transferability=text,
            links=[(text[:200], "https://example.org/evidence")],
        ),
    )
    assert response.status_code == 302, "the practice was refused"
    project = Project.objects.get(title=text[:200])
    practice = Practice.objects.get(title=text[:200])
    assert proposal_publish(item=project, by=secretary)
    assert proposal_publish(item=practice, by=secretary)
    return project, practice


LISTS = ["/projects/", "/practices/", "/twins/tornio-haparanda/", "/sectors/culture/", "/sectors/"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_sent_through_the_proposal_forms_is_inert_on_public_pages(
    client, tornio_staff, secretary, payload
):
    client.force_login(tornio_staff)
    reference = propose(client, text="A plain reference text", secretary=secretary)
    client.logout()
    baseline = {url: parsed(client.get(url).content.decode()) for url in LISTS}
    baseline |= {
        "project": parsed(client.get(reference[0].get_absolute_url()).content.decode()),
        "practice": parsed(client.get(reference[1].get_absolute_url()).content.decode()),
    }

    client.force_login(tornio_staff)
    project, practice = propose(client, text=payload, secretary=secretary)
    assert project.description == payload and practice.lessons == payload
    client.logout()

    pages = {url: url for url in LISTS}
    pages |= {"project": project.get_absolute_url(), "practice": practice.get_absolute_url()}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        after = parsed(response.content.decode())
        assert after.problems == [], url
        for tag in DANGEROUS_TAGS:
            assert after.tags[tag] <= baseline[name].tags[tag], f"{url}: <{tag}> appeared"
