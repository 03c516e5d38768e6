"""The secretary publishes or returns proposals; each side is told; the public sees the result."""

import pytest

from members.models import CityTwin
from projects.models import Practice, Project
from tests.factories import ProjectFactory
from tests.projects.posting import existing_partners, practice_post, project_post
from tests.projects.reading import listed_practices, page_text

pytestmark = pytest.mark.django_db


def to(mailoutbox, address):
    return [mail for mail in mailoutbox if mail.to == [address]]


def test_the_secretary_returns_a_proposal_with_a_reason_and_it_comes_back(
    client, tornio_staff, secretary, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://citytwins.example.org"
    client.force_login(tornio_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/my/projects/new/", project_post())
    project = Project.objects.get()

    client.force_login(secretary)
    # The action asks for the reason first; nothing changes yet.
    asked = client.post(
        "/admin/projects/project/",
        {"action": "return_to_proposer", "_selected_action": [project.pk]},
    )
    assert asked.status_code == 200
    assert "Reason, for the proposer" in asked.content.decode()
    project.refresh_from_db()
    assert project.publication == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/admin/projects/project/",
            {
                "action": "return_to_proposer",
                "_selected_action": [project.pk],
                "apply": "1",
                "reason": "Please name the programme you apply to.",
            },
        )
    assert done.status_code == 302
    project.refresh_from_db()
    assert project.publication == "draft"
    assert project.returned_reason == "Please name the programme you apply to."
    (returned,) = to(mailoutbox, "liisa@tornio.fi")
    assert returned.subject == "[City Twins] Returned to you: A ferry across the Torne"
    assert "Please name the programme you apply to." in returned.body
    assert f"https://citytwins.example.org/my/projects/{project.slug}/" in returned.body

    client.force_login(tornio_staff)
    assert "Please name the programme you apply to." in page_text(client.get("/my/"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/my/projects/{project.slug}/", project_post() | existing_partners(project))
    project.refresh_from_db()
    assert project.publication == "submitted" and project.returned_reason == ""
    assert len(to(mailoutbox, "secretary@imatra.fi")) == 2


def test_a_practice_from_proposal_to_its_twins_sectors_and_list_pages(
    client, tornio_staff, secretary, mailoutbox, django_capture_on_commit_callbacks, settings
):
    """Acceptance: invisible until published, then on its twin's page, its sector's page and the
    practice list; the secretary is told of the proposal, the proposer of its publication."""
    settings.SITE_URL = "https://citytwins.example.org"
    schools = CityTwin.sectors.field.related_model.objects.get(slug="education-and-training")
    client.force_login(tornio_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/my/practices/new/",
            practice_post(
                title="Bilingual school for both towns",
                sectors=[str(schools.pk)],
                links=[("Evaluation", "https://example.org/evaluation")],
            ),
        )
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.publication == "submitted"
    assert [twin.slug for twin in practice.twins.all()] == ["tornio-haparanda"]

    (proposal,) = to(mailoutbox, "secretary@imatra.fi")
    assert "proposes a practice: Bilingual school for both towns" in proposal.subject
    assert f"/admin/projects/practice/{practice.pk}/change/" in proposal.body

    client.logout()
    public = ["/practices/", "/twins/tornio-haparanda/", "/sectors/education-and-training/"]
    for url in public:
        assert "Bilingual school" not in page_text(client.get(url)), url
    assert client.get(f"/practices/{practice.slug}/").status_code == 404

    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(
            "/admin/projects/practice/", {"action": "publish", "_selected_action": [practice.pk]}
        )
    assert published.status_code == 302
    (news,) = to(mailoutbox, "liisa@tornio.fi")
    assert news.subject == "[City Twins] Published: Bilingual school for both towns"
    assert f"https://citytwins.example.org/practices/{practice.slug}/" in news.body

    client.logout()
    assert listed_practices(client.get("/practices/")) == [practice.slug]
    for url in public:
        assert "Bilingual school for both towns" in page_text(client.get(url)), url
    detail = client.get(f"/practices/{practice.slug}/")
    assert detail.status_code == 200
    assert "Evaluation" in page_text(detail)
    # Once published, staff may no longer change it.
    client.force_login(tornio_staff)
    assert client.get(f"/my/practices/{practice.slug}/").status_code == 404
    # Publishing again tells nobody twice.
    client.force_login(secretary)
    client.post(
        "/admin/projects/practice/", {"action": "publish", "_selected_action": [practice.pk]}
    )
    assert len(to(mailoutbox, "liisa@tornio.fi")) == 1


def test_a_project_without_a_lead_is_not_published(client, secretary, network, mailoutbox):
    project = ProjectFactory(slug="leaderless", title="Leaderless", publication="submitted")
    client.force_login(secretary)
    response = client.post(
        "/admin/projects/project/",
        {"action": "publish", "_selected_action": [project.pk]},
        follow=True,
    )
    assert "“Leaderless” has no lead partner" in page_text(response)
    project.refresh_from_db()
    assert project.publication == "submitted"
