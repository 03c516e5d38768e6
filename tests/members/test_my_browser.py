"""City staff's pages in Chromium: accessible, within the CSP, and usable from the keyboard."""

import urllib.parse

import pytest
from django.conf import settings as django_settings

from citytwins.models import Notification
from members.models import City
from members.services.invitations import invitation_send
from tests.conftest import axe_serious_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in_page(watched_page, network, client):
    """A browser page carrying the session of staff of Tornio."""
    staff = UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio"))
    client.force_login(staff)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    host = urllib.parse.urlsplit(watched_page.base).hostname
    watched_page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}]
    )
    return watched_page


@pytest.mark.parametrize(
    "path", ["/my/", "/my/twins/tornio-haparanda/", "/my/cities/tornio/", "/my/notifications/"]
)
def test_staff_pages_are_accessible_and_self_contained(signed_in_page, path):
    page = signed_in_page
    response = page.goto(page.base + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert axe_serious_violations(page) == []
    assert page.hosts == {urllib.parse.urlsplit(page.base).netloc}


def test_a_saved_summary_shows_on_the_public_page(signed_in_page):
    page = signed_in_page
    page.goto(page.base + "/my/twins/tornio-haparanda/")
    page.get_by_label("Summary").fill("Edited in a real browser.")
    page.get_by_role("button", name="Save").first.click()
    assert "Saved" in page.locator(".messages").inner_text()
    page.goto(page.base + "/twins/tornio-haparanda/")
    assert "Edited in a real browser." in page.locator("main").inner_text()


def test_the_invitation_page_is_accessible(watched_page, network):
    outcome = invitation_send(email="new@tornio.fi", city=City.objects.get(slug="tornio"))
    assert outcome.invitation is not None
    text = Notification.objects.get(address="new@tornio.fi").text
    token = text.split("/invitations/", 1)[1].split("/", 1)[0]
    page = watched_page
    response = page.goto(f"{page.base}/invitations/{token}/")
    assert response.status == 200
    assert page.console_errors == []
    assert axe_serious_violations(page) == []
