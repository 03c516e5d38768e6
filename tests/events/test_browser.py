"""The events pages in Chromium: no accessibility violation of any impact, within the CSP,
self-contained, and usable without JavaScript; screenshots under var/screenshots/ for a person to
look at."""

import urllib.parse

import pytest
from django.conf import settings as django_settings

from events.models import Registration
from events.services.samples import samples_load
from members.models import City
from tests.conftest import BASE_DIR, axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = BASE_DIR / "var" / "screenshots"

PUBLIC = [
    "/",
    "/events/",
    "/events/?when=past",
    "/events/?kind=party&year=abc",
    "/events/sample-joint-meeting-narva/",
    "/events/sample-general-assembly/",
    "/twins/narva-ivangorod/",
    "/sectors/border-crossing/",
]
MEMBERS = [
    "/",
    "/events/sample-general-assembly/",
    "/events/sample-board-meeting/",
    "/my/",
]


def sign_in(page, client, person) -> None:
    client.force_login(person)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    host = urllib.parse.urlsplit(page.base).hostname
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}]
    )


def check(page, path: str, name: str) -> None:
    response = page.goto(page.base + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert axe_violations(page) == []  # of any impact
    assert page.hosts == {urllib.parse.urlsplit(page.base).netloc}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("path", PUBLIC)
def test_public_events_pages_are_accessible_and_self_contained(watched_page, network, path):
    samples_load()
    slug = path.strip("/").replace("/", "-").replace("?", "-").replace("&", "-") or "home"
    check(watched_page, path, f"events-public-{slug}")


@pytest.mark.parametrize("path", MEMBERS)
def test_members_pages_with_minutes_and_action_items_are_accessible(
    watched_page, network, client, path
):
    samples_load()
    staff = UserFactory(email="olga@narva.ee", name="Olga", city=City.objects.get(slug="narva"))
    from events.models import ActionItem

    ActionItem.objects.filter(status="open").update(owner=staff)
    sign_in(watched_page, client, staff)
    slug = path.strip("/").replace("/", "-") or "home"
    check(watched_page, path, f"events-member-{slug}")


def test_a_member_registers_and_cancels_without_javascript(browser, live_server, network, client):
    samples_load()
    staff = UserFactory(email="olga@narva.ee", city=City.objects.get(slug="narva"))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base = live_server.url
    sign_in(page, client, staff)
    page.goto(live_server.url + "/events/sample-joint-meeting-narva/")
    page.get_by_role("button", name="Register").click()
    assert "You are registered." in page.locator("main").inner_text()
    assert Registration.objects.get(person=staff).status == "confirmed"
    page.get_by_role("button", name="Cancel my registration").click()
    assert "Your registration is cancelled." in page.locator("main").inner_text()
    assert Registration.objects.get(person=staff).status == "cancelled"
    context.close()


def test_the_event_filters_work_without_javascript(browser, live_server, network):
    samples_load()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/events/")
    page.select_option("#id_kind", "joint_meeting")
    page.get_by_role("button", name="Show events").click()
    assert "kind=joint_meeting" in page.url
    assert page.locator(".event-list > li").count() == 1
    page.get_by_role("link", name="Past").click()
    assert "when=past" in page.url and "kind=joint_meeting" in page.url
    assert "No past event matches." in page.locator("main").inner_text()
    context.close()
