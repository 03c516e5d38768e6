"""The admin's lists at scale: no full count of a large table, and no query per row (the same
queries for a page of 5 rows as for a page of 50)."""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citytwins.models import Notification
from members.roles import secretariat_group_sync
from tests.factories import SecretaryFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "members.citytwin",
    "members.city",
    "members.user",
    "projects.project",
    "projects.practice",
    "events.event",
    "events.registration",
    "citytwins.notification",
]


@pytest.fixture
def secretary_client(client, network):
    call_command("load_network", "--demo", stdout=io.StringIO())
    call_command(
        "generate_network", "--twins=50", "--projects=300", "--events=60", "--members=120",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    Notification.objects.bulk_create(
        Notification(address=f"person{n}@example.org", kind="announcement", subject=f"News {n}",
                     text="Hello", key=f"scale-{n}", recipient_id=None)
        for n in range(60)
    )  # fmt: skip
    secretariat_group_sync()
    secretary = SecretaryFactory(email="secretary@imatra.fi", is_superuser=True)
    client.force_login(secretary)
    return client


def model_admin(label: str):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    return admin.site._registry[model]


def changelist_queries(client, label: str, query: str = "") -> tuple[int, str]:
    app, model = label.split(".")
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"/admin/{app}/{model}/{query}")
    assert response.status_code == 200, label
    # The session's once-a-minute record of the last request is not the page's own.
    queries = [q for q in context.captured_queries if "django_session" not in q["sql"]]
    return len(queries), response.content.decode()


@pytest.mark.parametrize("label", CHANGELISTS)
def test_a_changelist_runs_the_same_queries_for_5_rows_as_for_50(
    secretary_client, monkeypatch, label
):
    model_admin_ = model_admin(label)
    assert model_admin_.model.objects.count() > 50, "not enough rows to tell"
    counts = {}
    for rows in (5, 50):
        monkeypatch.setattr(model_admin_, "list_per_page", rows)
        counts[rows], body = changelist_queries(secretary_client, label)
        assert body.count('name="_selected_action"') == rows
    assert counts[5] == counts[50], counts


@pytest.mark.parametrize("label", CHANGELISTS)
def test_a_changelist_never_counts_the_whole_table(secretary_client, label):
    assert model_admin(label).show_full_result_count is False
    _count, body = changelist_queries(secretary_client, label, "?q=a")
    assert "total)" not in body


def test_a_projects_page_runs_the_same_queries_for_few_partners_and_lines_as_for_many(
    secretary_client,
):
    from django.db.models import Count

    from projects.models import Project

    projects = Project.objects.annotate(partner_count=Count("partners", distinct=True))
    projects = projects.annotate(line_count=Count("funding_lines", distinct=True))
    few = projects.filter(partner_count__lte=2, line_count__lte=1).first()
    many = projects.filter(partner_count__gte=4, line_count__gte=2).first()
    counts = []
    for project in (few, many):
        # Once unmeasured: a process's first admin page also reads the content types it caches.
        secretary_client.get(f"/admin/projects/project/{project.pk}/change/")
        with CaptureQueriesContext(connection) as context:
            response = secretary_client.get(f"/admin/projects/project/{project.pk}/change/")
        assert response.status_code == 200
        # Not the session's own write: it records the person's last request once a minute,
        # whichever page that falls on (a slow machine crossed it between the two pages).
        queries = [q for q in context.captured_queries if "django_session" not in q["sql"]]
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
