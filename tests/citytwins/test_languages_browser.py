"""The language switcher in Chromium, on a 375 px phone and on a desktop, without JavaScript
too: it keeps the page and its filter, and has no serious accessibility fault."""

import pytest

from tests.conftest import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_switching_to_polish_keeps_the_directory_s_filter(browser, live_server, network, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/twins/?country=PL")
    switcher = page.get_by_role("banner").locator("details.language-switcher")
    switcher.locator("summary").click()
    polish = switcher.get_by_role("link", name="Polski")
    assert polish.is_visible()
    box = polish.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # on the screen, not off it
    assert axe_serious_violations(page) == []
    polish.click()
    page.wait_for_url(live_server.url + "/pl/twins/?country=PL")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert "Słubice" in page.get_by_role("main").inner_text()
    assert axe_serious_violations(page) == []
    context.close()


def test_the_switcher_works_without_javascript(browser, live_server, network):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(live_server.url + "/fi/about/")
    page.locator("details.language-switcher summary").click()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/about/")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
