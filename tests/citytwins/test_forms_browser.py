"""The public forms that write to the secretariat, in Chromium: accessible, with and without
errors, and usable without JavaScript."""

import urllib.parse

import pytest

from citytwins.models import Notification
from members.models import MembershipApplication
from tests.conftest import axe_serious_violations
from tests.factories import SecretaryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/contact/", "/contact/sent/", "/join/", "/join/sent/"]


def assert_clean(page, response):
    assert response.status in (200, 429)
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert axe_serious_violations(page) == []
    assert page.hosts == {urllib.parse.urlsplit(page.base).netloc}


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_self_contained_and_within_its_policy(watched_page, path):
    page = watched_page
    assert_clean(page, page.goto(page.base + path))


@pytest.mark.parametrize("path", ["/contact/", "/join/"])
def test_errors_are_accessible_and_lead_to_their_fields(watched_page, path):
    page = watched_page
    page.goto(page.base + path)
    with page.expect_navigation():
        page.get_by_role("button").filter(has_text="Send").click()
    assert page.title().startswith("Error:")
    summary = page.get_by_role("alert")
    assert "Please correct the following" in summary.inner_text()
    first_link = summary.get_by_role("link").first
    field_id = first_link.get_attribute("href").removeprefix("#")
    first_link.click()
    assert page.evaluate("document.activeElement.id") == field_id
    assert page.locator(f"#{field_id}").get_attribute("aria-invalid") == "true"
    assert not page.locator("[name=website]").is_visible()
    assert_clean(page, page.reload())


def test_a_person_writes_to_the_secretariat_without_javascript(browser, live_server):
    SecretaryFactory(email="secretary@imatra.fi")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/contact/")
    page.get_by_label("Your name").fill("Liisa Virtanen")
    page.get_by_label("Your email address").fill("liisa@example.fi")
    page.get_by_label("Subject").fill("A study visit")
    page.get_by_label("Message").fill("May we visit Tornio in May?")
    page.get_by_role("button", name="Send the message").click()
    assert page.url == live_server.url + "/contact/sent/"
    assert "on its way" in page.locator("h1").inner_text()
    context.close()
    assert set(Notification.objects.values_list("address", flat=True)) == {
        "secretary@imatra.fi",
        "liisa@example.fi",
    }


def test_a_city_applies_to_join_without_javascript(browser, live_server):
    SecretaryFactory(email="secretary@imatra.fi")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/join/")
    page.get_by_label("Your city:", exact=True).fill("Kirkenes")
    page.get_by_label("Its country").select_option("NO")
    page.get_by_label("The twin city across the border").fill("Nikel")
    page.get_by_label("The twin city's country").select_option("RU")
    page.get_by_label("Contact person").fill("Kari Nordmann")
    page.get_by_label("Email address").fill("kari@kirkenes.example.no")
    page.get_by_label("Why your city wants to join").fill("We share a border and a river.")
    page.get_by_role("button", name="Send the application").click()
    assert page.url == live_server.url + "/join/sent/"
    context.close()
    assert MembershipApplication.objects.get().city_name == "Kirkenes"
