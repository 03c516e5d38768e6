"""Every public page runs the same number of queries at the association's size and with a
synthetic network (`generate_network`) around it: no query per twin, project or event."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from events.models import Event
from members.models import CityTwin
from projects.models import Project

pytestmark = pytest.mark.django_db

SYNTHETIC = ["--twins=20", "--projects=200", "--events=80", "--members=400", "--seed=7"]
PROJECT = "/projects/sample-valka-valga-joint-services/"
EVENT = "/events/sample-joint-meeting-narva/"
# The footer's record is one query on every HTML page.
PAGES = {
    "/": 10,
    # The matching twins' ids, then the page's twins and their cities.
    "/twins/": 6,
    "/twins/tornio-haparanda/": 12,
    "/projects/": 11,
    PROJECT: 9,
    "/practices/": 7,
    "/events/": 7,
    "/events/?when=past": 7,
    EVENT: 4,
    "/events/feed.ics": 1,
    "/twins.csv": 4,
    "/sectors/": 8,
}


@pytest.fixture(params=["record", "synthetic"])
def size(request, network):
    call_command("load_network", "--demo", stdout=io.StringIO())
    if request.param == "synthetic":
        call_command("generate_network", *SYNTHETIC, stdout=io.StringIO(), stderr=io.StringIO())
    return request.param


@pytest.mark.parametrize(("url", "queries"), PAGES.items(), ids=list(PAGES))
def test_each_page_runs_the_same_queries_at_both_sizes(
    client, size, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_the_busiest_synthetic_pages_run_the_record_pages_queries(
    client, django_assert_num_queries, network
):
    call_command("load_network", "--demo", stdout=io.StringIO())
    call_command("generate_network", *SYNTHETIC, stdout=io.StringIO(), stderr=io.StringIO())
    twin = (
        CityTwin.objects.filter(position__gte=1000)
        .annotate(n=Count("cities__project_partnerships"))
        .latest("n")
    )
    project = Project.objects.published().annotate(n=Count("partners")).latest("n")
    event = Event.objects.visible_to(_anonymous()).annotate(n=Count("registrations")).latest("n")
    for url, like in [
        (twin.get_absolute_url(), "/twins/tornio-haparanda/"),
        (project.get_absolute_url(), PROJECT),
        (event.get_absolute_url(), EVENT),
    ]:
        with django_assert_num_queries(PAGES[like]):
            response = client.get(url)
        assert response.status_code == 200


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize(
    ("url", "page"),
    [("/projects/", "listing"), ("/practices/", "listing"), ("/events/?when=past", "page")],
)
def test_long_lists_come_in_pages(client, network, url, page):
    call_command("load_network", "--demo", stdout=io.StringIO())
    call_command("generate_network", *SYNTHETIC, stdout=io.StringIO(), stderr=io.StringIO())
    response = client.get(url)
    shown = response.context[page]
    shown = getattr(shown, "page", shown)
    assert len(shown.object_list) == 20
    assert shown.paginator.num_pages > 1
    assert "page=2" in response.content.decode()
