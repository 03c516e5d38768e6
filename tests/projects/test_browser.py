"""Projects, practices and funding calls in Chromium: accessible, within the CSP, no
third-party requests, and usable without JavaScript."""

import urllib.parse

import pytest
from django.conf import settings as django_settings

from members.models import City
from projects.models import Practice
from tests.conftest import axe_serious_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/projects/",
    "/projects/?sector=culture&status=bogus&year=abc",
    "/projects/?q=atlantis",
    "/projects/sample-tornio-haparanda-shared-city-centre/",
    "/projects/sample-network-practice-exchange/",
    "/practices/",
    "/practices/?kind=bad",
    "/practices/sample-tornio-haparanda-shared-services/",
    "/practices/sample-rules-checked-too-late/",
    "/funding/",
    "/sectors/",
    "/sectors/culture/",
    "/twins/tornio-haparanda/",
]


@pytest.fixture
def samples(network):
    from projects.demo import samples_load

    samples_load()


def self_contained(page) -> None:
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert axe_serious_violations(page) == []
    assert page.hosts == {urllib.parse.urlsplit(page.base).netloc}


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_are_accessible_and_self_contained(watched_page, samples, path):
    page = watched_page
    response = page.goto(page.base + path)
    assert response.status == 200
    self_contained(page)


@pytest.fixture
def staff_page(watched_page, samples, client):
    staff = UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio"))
    client.force_login(staff)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    host = urllib.parse.urlsplit(watched_page.base).hostname
    watched_page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}]
    )
    return watched_page


@pytest.mark.parametrize("path", ["/my/", "/my/projects/new/", "/my/practices/new/"])
def test_the_proposal_forms_are_accessible(staff_page, path):
    page = staff_page
    assert page.goto(page.base + path).status == 200
    self_contained(page)


def test_a_practice_is_proposed_in_a_real_browser(staff_page):
    page = staff_page
    page.goto(page.base + "/my/practices/new/")
    page.get_by_label("Title").fill("Shared swimming hall")
    page.get_by_label("Lesson: a practice to avoid").check()
    page.get_by_label("Context").fill("One hall, two towns.")
    page.get_by_role("button", name="Save as draft").click()
    assert "Saved as a draft" in page.locator(".messages").inner_text()
    practice = Practice.objects.get(title="Shared swimming hall")
    assert (practice.kind, practice.publication) == ("bad", "draft")


def test_the_projects_filter_without_javascript(browser, live_server, samples):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/projects/")
    page.select_option("#id_twin", "tornio-haparanda")
    page.fill("#id_q", "TORNIO")
    # The list is read once the filtered page has loaded, not while it is on its way.
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "twin=tornio-haparanda" in page.url and "q=TORNIO" in page.url
    assert page.locator(".project-list > li").count() == 2
    assert page.locator("#project-results").inner_text() == "2 projects"
    context.close()
