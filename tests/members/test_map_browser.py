"""The map as Chromium draws it: labels that read, never overlap, and twins easy to tap."""

import itertools

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const svg = document.querySelector('.network-map-svg');
  const scale = svg.getScreenCTM().a;
  const rect = (element) => {
    const box = element.getBoundingClientRect();
    return [box.left, box.top, box.right, box.bottom];
  };
  return [...svg.querySelectorAll('a.map-twin')].map((link) => ({
    href: link.getAttribute('href'),
    link: rect(link),
    label: rect(link.querySelector('.map-label')),
    target: rect(link.querySelector('.map-halo')),
    cities: [...link.querySelectorAll('.map-city')].map(rect),
    font: parseFloat(getComputedStyle(link.querySelector('.map-label')).fontSize) * scale,
  }));
}"""


def size(box) -> tuple[float, float]:
    return box[2] - box[0], box[3] - box[1]


def intersect(one, other) -> bool:
    return not (
        one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
    )


def inside(inner, outer, slack: float = 0.5) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


@pytest.mark.parametrize("path", ["/", "/twins/", "/twins/gorlitz-zgorzelec/"])
@pytest.mark.parametrize(("width", "smallest_font"), [(1280, 14), (375, 12)])
def test_map_labels_read_do_not_overlap_and_every_twin_is_easy_to_tap(
    browser, live_server, network, path, width, smallest_font
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + path)
    twins = page.evaluate(MEASURE)
    context.close()
    assert len(twins) == 7
    for twin in twins:
        assert twin["font"] >= smallest_font, twin["href"]
        for part in ("link", "target"):
            width_px, height_px = size(twin[part])
            assert width_px >= 24 and height_px >= 24, (twin["href"], part, size(twin[part]))
        # The text as rendered fits the box the server computed for it.
        assert inside(twin["label"], twin["target"]), twin["href"]
        assert len(twin["cities"]) == 2
    for one, other in itertools.combinations(twins, 2):
        assert not intersect(one["label"], other["label"]), (one["href"], other["href"])
        assert not intersect(one["target"], other["target"]), (one["href"], other["href"])
    for twin in twins:
        for other in twins:
            for city in other["cities"]:
                assert not intersect(twin["label"], city), (twin["href"], other["href"])


def test_on_a_phone_the_map_comes_right_after_the_introduction(browser, live_server, network):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    order = page.evaluate(
        """() => [...document.querySelectorAll('main h1, main h2:not(.visually-hidden)')]
                   .map((heading) => [heading.textContent.trim(),
                                      heading.getBoundingClientRect().top])"""
    )
    context.close()
    headings = [text for text, _top in sorted(order, key=lambda item: item[1])]
    assert headings[:2] == ["Border towns that work as one", "Where they are"]
    map_top = dict(order)["Where they are"]
    assert map_top < 1000  # not 2,700 px down the page


def test_land_outside_the_eu_is_hatched_as_the_legend_shows(browser, live_server, network):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/")
    fills = page.evaluate(
        """() => [...document.querySelectorAll('.map-country')].map((country) =>
             [country.classList.contains('map-country-eu'), getComputedStyle(country).fill])"""
    )
    swatch = page.evaluate(
        "() => getComputedStyle(document.querySelector('.map-swatch-outside')).backgroundImage"
    )
    context.close()
    assert {fill for in_eu, fill in fills if not in_eu} == {'url("#map-outside-eu")'}
    assert all("url" not in fill for in_eu, fill in fills if in_eu)
    assert swatch.startswith("repeating-linear-gradient")
