import urllib.parse

import pytest

from tests.conftest import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/accounts/login/", "/accounts/password/reset/", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_self_contained_and_within_its_policy(watched_page, path):
    page = watched_page
    response = page.goto(page.base + path)
    assert page.locator("h1").count() == 1
    # The browser reports the 404 page's own status as an error; anything else counts.
    own_status = f"status of {response.status}"
    assert [error for error in page.console_errors if own_status not in error] == []
    assert axe_serious_violations(page) == []
    own = urllib.parse.urlsplit(page.base).netloc
    assert page.hosts == {own}


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(watched_page):
    page = watched_page
    page.goto(page.base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
