"""The filtered and sorted public lists read their page through an index on PostgreSQL, not a
sequential scan and a sort of the whole table (a synthetic network, the planner left free)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SYNTHETIC = ["--twins=40", "--projects=3000", "--events=1500", "--members=200", "--seed=2"]
# A page and the index its page of rows is read with (its LIMIT query on that table); None:
# whichever index the planner finds best for a narrow filter.
PAGES = [
    ("/projects/", "projects_project", "project_published_latest_start"),
    ("/projects/?sort=start", "projects_project", "project_published_first_start"),
    ("/projects/?sort=title", "projects_project", "project_published_title"),
    ("/projects/?status=running", "projects_project", "project_published_latest_start"),
    ("/", "projects_project", "project_published_recent"),
    ("/", "projects_practice", "practice_published_recent"),
    ("/practices/", "projects_practice", "practice_published_title"),
    ("/events/", "events_event", "event_start"),
    ("/events/?when=past", "events_event", "event_start"),
    ("/events/?kind=seminar", "events_event", None),
]


@pytest.fixture(scope="module")
def large(django_db_setup, django_db_blocker):
    """One synthetic network for the module, analysed as autovacuum would leave it."""
    if connection.vendor != "postgresql":
        yield None
        return
    with django_db_blocker.unblock():
        from members.services.record import network_load

        network_load()
        call_command("generate_network", *SYNTHETIC, stdout=io.StringIO(), stderr=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield
        call_command("flush", "--noinput", stdout=io.StringIO())


def page_plan(client, url: str, table: str) -> str:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    sql = next(
        query["sql"]
        for query in context.captured_queries
        if re.match(rf'SELECT "{table}"\."id"', query["sql"]) and "LIMIT" in query["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(("url", "table", "index"), PAGES)
def test_a_page_of_a_list_is_read_through_its_index(postgresql, large, client, url, table, index):
    plan = page_plan(client, url, table)
    assert "Index" in plan, plan
    assert index is None or index in plan, plan
    assert f"Seq Scan on {table}" not in plan, plan
