import urllib.parse

import pytest

from tests.conftest import axe_serious_violations, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/twins/",
    "/twins/?country=PL&sort=name",
    "/twins/?q=atlantis",
    "/twins/?country=XX&status=bogus",
    "/twins/tornio-haparanda/",
    "/twins/cieszyn-cesky-tesin/",
    "/about/",
    "/sectors/",
    "/sectors/education-and-training/",
]


@pytest.mark.parametrize("path", PAGES)
def test_directory_pages_are_accessible_and_self_contained(watched_page, network, path):
    page = watched_page
    response = page.goto(page.base + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
    assert axe_serious_violations(page) == []
    assert page.hosts == {urllib.parse.urlsplit(page.base).netloc}


@pytest.mark.parametrize(
    "path", ["/", "/twins/", "/twins/tornio-haparanda/", "/sectors/", "/about/"]
)
@pytest.mark.parametrize("width", [1280, 375])
def test_main_public_pages_have_no_accessibility_violation_of_any_impact(
    browser, live_server, network, path, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + path)
    violations = axe_violations(page)
    context.close()
    assert violations == []


def map_links_reached_by_tab(page, presses: int = 80) -> list[str]:
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "() => { const a = document.activeElement;"
            " return a && a.closest('svg') ? a.getAttribute('href') : null; }"
        )
        if href and href not in reached:
            reached.append(href)
    return reached


def test_every_twin_on_the_map_is_reachable_by_tab_and_shows_its_focus(watched_page, network):
    page = watched_page
    page.goto(page.base + "/")
    reached = map_links_reached_by_tab(page)
    assert sorted(reached) == sorted(
        f"/twins/{slug}/"
        for slug in [
            "imatra-svetogorsk",
            "narva-ivangorod",
            "frankfurt-oder-slubice",
            "gorlitz-zgorzelec",
            "tornio-haparanda",
            "valka-valga",
            "cieszyn-cesky-tesin",
        ]
    )
    page.focus('svg a[href="/twins/valka-valga/"]')
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    halo = page.evaluate(
        "() => getComputedStyle(document.activeElement.querySelector('.map-halo')).fill"
    )
    assert halo not in {"transparent", "rgba(0, 0, 0, 0)", "none"}
    page.keyboard.press("Enter")
    page.wait_for_url("**/twins/valka-valga/")
    assert page.locator("h1").inner_text() == "Valka – Valga"


@pytest.mark.parametrize("width", [1280, 375])
def test_the_directory_filters_without_javascript(browser, live_server, network, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/twins/")
    summary = page.get_by_text("Filter the twins")
    if width < 768:
        # On a phone the filters fold into a <details>, which opens without JavaScript.
        assert not page.locator("#id_country").is_visible()
        summary.click()
    else:
        assert not summary.is_visible() and page.locator("#id_country").is_visible()
    page.select_option("#id_country", "PL")
    page.fill("#id_q", "gorlitz")
    # The list is read once the filtered page has loaded, not while it is on its way.
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "country=PL" in page.url and "q=gorlitz" in page.url
    assert page.locator(".twin-list > li").count() == 1
    assert page.locator("#twin-results").inner_text() == "1 twin"
    # A filter in force keeps the folded filters open.
    assert page.locator("#id_country").is_visible()
    context.close()
