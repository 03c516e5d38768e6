"""City staff propose projects and practices from /my/ and edit them until they are published."""

import re

import pytest

from citytwins.models import Kind, Notification
from projects.models import Practice, Project, ProjectStatusChange
from tests.factories import ProgrammeFactory, ProjectFactory
from tests.projects.posting import city, existing_partners, practice_post, project_post
from tests.projects.reading import listed_projects, page_text

pytestmark = pytest.mark.django_db


def to(mailoutbox, address):
    return [mail for mail in mailoutbox if mail.to == [address]]


def test_staff_propose_a_project_and_the_secretary_is_told(
    client, tornio_staff, secretary, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://citytwins.example.org"
    aurora = ProgrammeFactory(name="Interreg Aurora")
    client.force_login(tornio_staff)
    form = client.get("/my/projects/new/")
    assert form.status_code == 200
    # The person's city is offered as the lead partner.
    content = form.content.decode()
    assert re.search(rf'<option value="{city("tornio").pk}" selected>Tornio \(Tornio', content)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/my/projects/new/",
            project_post(
                funding=[(aurora, "120000", "applied")],
                sectors=[
                    str(city("tornio").twin.sectors.model.objects.get(slug="border-crossing").pk)
                ],
            ),
        )
    assert response.status_code == 302 and response["Location"] == "/my/"
    project = Project.objects.get(title="A ferry across the Torne")
    assert project.slug == "a-ferry-across-the-torne"
    assert project.publication == "submitted"
    assert project.proposed_by == tornio_staff
    assert project.proposed_for.slug == "tornio-haparanda"
    assert [(p.city.slug, p.role) for p in project.partners_in_order()] == [
        ("tornio", "lead"),
        ("haparanda", "partner"),
    ]
    assert [(line.programme, line.amount, line.status) for line in project.funding_lines.all()] == [
        (aurora, 120000, "applied")
    ]
    assert list(
        ProjectStatusChange.objects.filter(project=project).values_list("status", "changed_by")
    ) == [("seeking_partners", tornio_staff.pk)]
    assert [s.slug for s in project.sectors.all()] == ["border-crossing"]

    (notice,) = to(mailoutbox, "secretary@imatra.fi")
    assert notice.subject == (
        "[City Twins] Tornio – Haparanda proposes a project: A ferry across the Torne"
    )
    assert f"https://citytwins.example.org/admin/projects/project/{project.pk}/change/" in (
        notice.body
    )
    assert notice.extra_headers["Reply-To"] == "liisa@tornio.fi"
    assert Notification.objects.get(address="secretary@imatra.fi").kind == Kind.PROPOSAL

    # Not public yet; /my/ lists it with its state.
    client.logout()
    assert client.get(f"/projects/{project.slug}/").status_code == 404
    assert listed_projects(client.get("/projects/")) == []
    client.force_login(tornio_staff)
    home = page_text(client.get("/my/"))
    assert "Project: A ferry across the Torne — submitted for review" in home


def test_a_draft_tells_nobody_until_it_is_submitted_once(
    client, tornio_staff, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(tornio_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/my/projects/new/", project_post(action="draft"))
    project = Project.objects.get()
    assert project.publication == "draft"
    assert mailoutbox == []
    edit = f"/my/projects/{project.slug}/"
    page = client.get(edit)
    assert "A draft: only your twin's staff and the secretariat see it." in page_text(page)
    data = project_post(title="A better ferry")
    data |= existing_partners(project)
    for _ in range(2):  # a double click
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(edit, data).status_code == 302
    project.refresh_from_db()
    assert project.title == "A better ferry"
    assert project.slug == "a-ferry-across-the-torne"  # a link once given stays
    assert project.publication == "submitted"
    assert len(to(mailoutbox, "secretary@imatra.fi")) == 1


@pytest.mark.parametrize(
    ("partners", "fields", "error"),
    [
        (
            (("tornio", "partner"), ("haparanda", "partner")),
            {},
            "A project has exactly one lead partner",
        ),
        ((("tornio", "lead"), ("haparanda", "lead")), {}, "A project has exactly one lead partner"),
        (
            (("haparanda", "lead"), ("narva", "partner")),
            {},
            "Tornio, your city, is one of the partners",
        ),
        (
            (("tornio", "lead"), ("tornio", "partner")),
            {},
            "Please correct the duplicate data for city",
        ),
        (
            (("tornio", "lead"), ("Lapland University", "partner")),
            {},
            "An organisation outside the network takes part as an associated organisation",
        ),
        (
            (("tornio", "lead"),),
            {"starts_on": "2026-05-01", "ends_on": "2025-01-01"},
            "The end comes after the start",
        ),
        ((("tornio", "lead"),), {"title": ""}, "This field is required"),
        ((("tornio", "lead"),), {"website": "javascript:alert(1)"}, "Enter a valid URL"),
        ((("tornio", "lead"),), {"total_budget": "-5"}, "greater than or equal to 0"),
        ((("tornio", "lead"),), {"status": "finished"}, "Select a valid choice"),
    ],
)
def test_a_proposal_that_breaks_a_rule_is_a_form_error_and_saves_nothing(
    client, tornio_staff, mailoutbox, partners, fields, error
):
    client.force_login(tornio_staff)
    response = client.post("/my/projects/new/", project_post(partners=partners, **fields))
    assert response.status_code == 200
    assert error in page_text(response)
    assert not Project.objects.exists()
    assert mailoutbox == []


def test_both_a_city_and_an_organisation_in_one_row_is_an_error(client, tornio_staff):
    client.force_login(tornio_staff)
    data = project_post(partners=(("tornio", "lead"), ("haparanda", "partner")))
    data["partners-1-organisation"] = "Lapland University"
    response = client.post("/my/projects/new/", data)
    assert "not both" in page_text(response)
    assert not Project.objects.exists()


def test_an_associated_organisation_and_a_lead_swap_in_one_save(client, tornio_staff, postgresql):
    client.force_login(tornio_staff)
    client.post("/my/projects/new/", project_post(action="draft"))
    project = Project.objects.get()
    data = project_post(action="draft") | existing_partners(project)
    # Tornio hands the lead to Haparanda (saved in that order, the database would see two
    # leads for a moment), and an organisation joins.
    for index, partner in enumerate(project.partners.all()):
        data[f"partners-{index}-role"] = "lead" if partner.city.slug == "haparanda" else "partner"
    data["partners-2-organisation"] = "Lapland University of Applied Sciences"
    data["partners-2-country"] = "FI"
    data["partners-2-role"] = "associated"
    data["partners-TOTAL_FORMS"] = "3"
    response = client.post(f"/my/projects/{project.slug}/", data)
    assert response.status_code == 302, page_text(response)
    roles = {p.name: p.role for p in project.partners.all()}
    assert roles == {
        "Tornio": "partner",
        "Haparanda": "lead",
        "Lapland University of Applied Sciences": "associated",
    }


def test_staff_of_another_twin_get_404_and_change_nothing(client, tornio_staff, narva_staff):
    client.force_login(tornio_staff)
    client.post("/my/projects/new/", project_post(action="draft"))
    client.post("/my/practices/new/", practice_post(action="draft"))
    project, practice = Project.objects.get(), Practice.objects.get()
    client.force_login(narva_staff)
    for url, data in [
        (f"/my/projects/{project.slug}/", project_post(title="Hijacked")),
        (f"/my/practices/{practice.slug}/", practice_post(title="Hijacked")),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    project.refresh_from_db()
    practice.refresh_from_db()
    assert project.title == "A ferry across the Torne"
    assert practice.title == "Joint language school"
    # Narva's own page does not list Tornio's drafts.
    assert "A ferry across the Torne" not in page_text(client.get("/my/"))


def test_a_person_without_a_city_has_nothing_to_propose(client, secretary):
    client.force_login(secretary)
    assert client.get("/my/projects/new/").status_code == 404
    assert client.post("/my/practices/new/", practice_post()).status_code == 404
    assert not Practice.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client, network):
    response = client.get("/my/projects/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_published_items_change_only_through_the_secretary(client, tornio_staff):
    project = ProjectFactory(
        slug="ours", proposed_for=city("tornio").twin, proposed_by=tornio_staff, lead=city("tornio")
    )
    client.force_login(tornio_staff)
    assert client.get("/my/projects/ours/").status_code == 404
    assert client.post("/my/projects/ours/", project_post(title="Changed")).status_code == 404
    project.refresh_from_db()
    assert project.title != "Changed"
    home = page_text(client.get("/my/"))
    assert "published; write to the secretariat for changes" in home


def test_staff_move_their_draft_along_the_pipeline_and_each_step_is_kept(client, tornio_staff):
    client.force_login(tornio_staff)
    client.post("/my/projects/new/", project_post(action="draft", status="idea"))
    project = Project.objects.get()
    edit = f"/my/projects/{project.slug}/"
    data = project_post(action="draft", status="seeking_funding") | existing_partners(project)
    assert client.post(edit, data).status_code == 302
    assert client.post(edit, data).status_code == 302  # the same status again: nothing new
    project.refresh_from_db()
    assert project.status == "seeking_funding"
    assert list(project.status_changes.values_list("status", "changed_by")) == [
        ("idea", tornio_staff.pk),
        ("seeking_funding", tornio_staff.pk),
    ]


def test_without_a_secretary_account_the_proposal_reaches_the_records_address(
    client, tornio_staff, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(tornio_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/my/practices/new/", practice_post())
    (notice,) = mailoutbox
    assert notice.to == ["heikki.laine@imatra.fi"]  # the secretariat's address in the record
    assert "proposes a practice: Joint language school" in notice.subject
