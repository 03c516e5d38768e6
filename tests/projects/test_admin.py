"""The secretary's admin of projects, practices and funding: inlines, the status pipeline,
history with revert, export, time zones, and no 500 on hostile filter values."""

import csv
import datetime
import io
import zoneinfo

import pytest
from openpyxl import load_workbook

from members.models import City
from projects.models import (
    FundingCall,
    FundingLine,
    Practice,
    Programme,
    Project,
    ProjectPartner,
)
from tests.factories import (
    ProgrammeFactory,
    ProjectFactory,
)
from tests.members.test_admin import form_data
from tests.projects.reading import page_text

pytestmark = pytest.mark.django_db

ADMIN = "/admin/projects"


@pytest.fixture
def admin_client(client, secretary):
    client.force_login(secretary)
    return client


@pytest.fixture
def content(demo):
    project = Project.objects.get(slug="sample-tornio-haparanda-shared-city-centre")
    return {
        "project": project,
        "practice": Practice.objects.get(slug="sample-tornio-haparanda-shared-services"),
        "call": FundingCall.objects.first(),
        "programme": Programme.objects.first(),
        "fundingline": project.funding_lines.first(),
        "projectpartner": project.partners.first(),
    }


def test_the_secretary_opens_every_list_page_and_history(admin_client, content):
    for model, obj in {
        "project": content["project"],
        "practice": content["practice"],
        "fundingcall": content["call"],
        "programme": content["programme"],
        "fundingline": content["fundingline"],
        "projectpartner": content["projectpartner"],
    }.items():
        assert admin_client.get(f"{ADMIN}/{model}/").status_code == 200, model
        assert admin_client.get(f"{ADMIN}/{model}/add/").status_code == 200, model
        assert admin_client.get(f"{ADMIN}/{model}/{obj.pk}/change/").status_code == 200, model
        if model != "programme":
            assert admin_client.get(f"{ADMIN}/{model}/{obj.pk}/history/").status_code == 200


def test_samples_are_marked_in_the_lists_and_can_be_filtered(admin_client, content):
    ProjectFactory(slug="real", title="A real project")
    page = admin_client.get(f"{ADMIN}/project/?sample=yes")
    titles = [project.title for project in page.context["cl"].result_list]
    assert "A real project" not in titles and len(titles) == 4
    assert page_text(page).count("Sample") >= 4
    real = admin_client.get(f"{ADMIN}/project/?sample=no").context["cl"].result_list
    assert [project.title for project in real] == ["A real project"]
    assert "Sample" in page_text(admin_client.get(f"{ADMIN}/fundingcall/"))
    assert "Sample" in page_text(admin_client.get(f"{ADMIN}/practice/"))


@pytest.mark.parametrize(
    "query",
    [
        "?twin=<script>",
        "?twin=atlantis",
        "?programme=%00",
        "?sample=maybe",
        "?open=perhaps",
        "?status=finished",
        "?publication=lost",
        "?sectors__id__exact=abc",
        "?kind=ugly",
        "?q=%00",
        "?q=" + "x" * 3000,
        "?o=99",
    ],
)
def test_hostile_filter_values_never_answer_500(admin_client, content, query):
    for model in ["project", "practice", "fundingcall", "fundingline", "projectpartner"]:
        response = admin_client.get(f"{ADMIN}/{model}/{query}")
        # A list, the list's "incorrect lookup" redirect, or 400 for a NUL (the admin site's).
        assert response.status_code in (200, 302, 400), (model, query)


def test_search_ignores_accents_and_finds_partner_cities(admin_client, content):
    found = admin_client.get(f"{ADMIN}/project/?q=HAPARANDA").context["cl"].result_list
    assert [project.slug for project in found] == ["sample-tornio-haparanda-shared-city-centre"]
    found = admin_client.get(f"{ADMIN}/project/?q=gorlitz").context["cl"].result_list
    assert [project.slug for project in found] == ["sample-gorlitz-zgorzelec-culture"]


def add_form(admin_client, **fields) -> dict:
    data = form_data(admin_client.get(f"{ADMIN}/project/add/"))
    data |= {"title": "Cross-border library", "slug": "cross-border-library", **fields}
    return data


def test_a_project_made_in_the_admin_keeps_its_first_status_with_its_date(
    admin_client, secretary, network
):
    aurora = ProgrammeFactory(name="Interreg Aurora")
    data = add_form(admin_client, status="running", status_on="2024-03-01")
    data |= {
        "partners-TOTAL_FORMS": "2",
        "partners-0-city": str(City.objects.get(slug="tornio").pk),
        "partners-0-role": "lead",
        "partners-0-position": "0",
        "partners-1-organisation": "Lapland University",
        "partners-1-role": "associated",
        "partners-1-position": "1",
        "funding_lines-TOTAL_FORMS": "1",
        "funding_lines-0-programme": str(aurora.pk),
        "funding_lines-0-amount": "50000",
        "funding_lines-0-status": "granted",
        "funding_lines-0-position": "0",
    }
    response = admin_client.post(f"{ADMIN}/project/add/", data)
    assert response.status_code == 302, page_text(response)
    project = Project.objects.get(slug="cross-border-library")
    assert project.publication == "draft"  # published only through the action
    assert [(p.name, p.role) for p in project.partners_in_order()] == [
        ("Tornio", "lead"),
        ("Lapland University", "associated"),
    ]
    assert FundingLine.objects.get(project=project).amount == 50000
    assert list(project.status_changes.values_list("status", "changed_on", "changed_by")) == [
        ("running", datetime.date(2024, 3, 1), secretary.pk)
    ]


def test_the_admin_refuses_two_leads_with_a_form_error(admin_client, network):
    data = add_form(admin_client)
    data |= {
        "partners-TOTAL_FORMS": "2",
        "partners-0-city": str(City.objects.get(slug="tornio").pk),
        "partners-0-role": "lead",
        "partners-0-position": "0",
        "partners-1-city": str(City.objects.get(slug="haparanda").pk),
        "partners-1-role": "lead",
        "partners-1-position": "1",
    }
    response = admin_client.post(f"{ADMIN}/project/add/", data)
    assert response.status_code == 200
    assert "A project has exactly one lead partner" in page_text(response)
    assert not Project.objects.filter(slug="cross-border-library").exists()
    # No partner at all is the same error.
    response = admin_client.post(f"{ADMIN}/project/add/", add_form(admin_client))
    assert "A project has exactly one lead partner" in page_text(response)


def test_a_status_change_in_the_admin_is_kept_once(admin_client, secretary, content):
    project = content["project"]
    before = project.status_changes.count()
    url = f"{ADMIN}/project/{project.pk}/change/"
    data = form_data(admin_client.get(url))
    assert admin_client.post(url, data).status_code == 302
    assert project.status_changes.count() == before  # saved unchanged: nothing new
    data |= {"status": "completed", "status_on": "2027-12-31"}
    assert admin_client.post(url, data).status_code == 302
    latest = project.status_changes.last()
    assert (latest.status, latest.changed_on, latest.changed_by) == (
        "completed",
        datetime.date(2027, 12, 31),
        secretary,
    )
    project.refresh_from_db()
    assert project.status == "completed"
    # The history inline shows it, and nothing there can be edited.
    page = admin_client.get(url).content.decode()
    assert "Status history" in page
    assert 'name="status_changes-0-status"' not in page


def test_the_secretary_reverts_a_project_and_a_partner_from_their_history(
    admin_client, secretary, content
):
    project = content["project"]
    original = project.title
    url = f"{ADMIN}/project/{project.pk}/change/"
    data = form_data(admin_client.get(url)) | {"title": "A wrong title"}
    assert admin_client.post(url, data).status_code == 302
    version = project.history.filter(title=original).first()
    revert = f"{ADMIN}/project/{project.pk}/history/{version.history_id}/"
    response = admin_client.get(revert)
    assert response.status_code == 200
    assert admin_client.post(revert, form_data(response)).status_code == 302
    project.refresh_from_db()
    assert project.title == original
    assert project.history.first().history_user == secretary

    partner = ProjectPartner.objects.get(project=project, city__slug="haparanda")
    partner_url = f"{ADMIN}/projectpartner/{partner.pk}/change/"
    data = form_data(admin_client.get(partner_url)) | {"organisation": "", "role": "associated"}
    assert admin_client.post(partner_url, data).status_code == 302
    version = partner.history.filter(role="partner").first()
    revert = f"{ADMIN}/projectpartner/{partner.pk}/history/{version.history_id}/"
    assert admin_client.post(revert, form_data(admin_client.get(revert))).status_code == 302
    partner.refresh_from_db()
    assert partner.role == "partner"


def test_a_single_partner_edit_cannot_make_a_second_lead(admin_client, content):
    partner = ProjectPartner.objects.get(project=content["project"], city__slug="haparanda")
    url = f"{ADMIN}/projectpartner/{partner.pk}/change/"
    response = admin_client.post(url, form_data(admin_client.get(url)) | {"role": "lead"})
    assert response.status_code == 200
    assert "A project has exactly one lead partner." in page_text(response)


def test_the_export_actions_write_formula_safe_files(admin_client, content):
    project = content["project"]
    project.title = "=1+1"
    project.save()
    selected = {"_selected_action": [project.pk, content["practice"].project_id]}
    response = admin_client.post(f"{ADMIN}/project/", {"action": "export_csv", **selected})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Title"] for row in rows] == ["'=1+1"]
    assert rows[0]["Publication"] == "Published"
    assert rows[0]["Sample"] == "Sample"
    response = admin_client.post(f"{ADMIN}/project/", {"action": "export_xlsx", **selected})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"


def test_a_call_deadline_is_typed_and_shown_in_the_calls_own_time_zone(admin_client, network):
    programme = ProgrammeFactory()
    data = form_data(admin_client.get(f"{ADMIN}/fundingcall/add/"))
    data |= {
        "programme": str(programme.pk),
        "title": "Small projects",
        "deadline_0": "2030-03-20",
        "deadline_1": "15:00:00",
        "time_zone": "Europe/Stockholm",
        "eligible_countries": ["FI", "SE"],
        "link": "https://example.org/call",
    }
    response = admin_client.post(f"{ADMIN}/fundingcall/add/", data)
    assert response.status_code == 302, page_text(response)
    call = FundingCall.objects.get(title="Small projects")
    assert call.deadline == datetime.datetime(
        2030, 3, 20, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")
    )
    assert call.deadline == datetime.datetime(2030, 3, 20, 14, tzinfo=datetime.UTC)
    page = admin_client.get(f"{ADMIN}/fundingcall/{call.pk}/change/").content.decode()
    assert 'value="15:00:00"' in page
    assert "2030-03-20 15:00 (Europe/Stockholm)" in page_text(
        admin_client.get(f"{ADMIN}/fundingcall/")
    )
    data["time_zone"] = "Mars/Olympus"
    response = admin_client.post(f"{ADMIN}/fundingcall/add/", data)
    assert "is not a time zone" in page_text(response)


def test_staff_of_a_city_never_reach_the_admin(client, tornio_staff, content):
    client.force_login(tornio_staff)
    response = client.post(
        f"{ADMIN}/project/", {"action": "publish", "_selected_action": [content["project"].pk]}
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
