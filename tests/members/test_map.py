import itertools
import math
import re

import pytest

from members import geography, maplabels, networkmap
from members.models import City, CityTwin
from tests.factories import CityFactory, CityTwinFactory

pytestmark = pytest.mark.django_db


def test_the_region_holds_the_networks_countries_with_eu_membership():
    shapes = {shape.code: shape for shape in geography.country_shapes()}
    for code in ["FI", "SE", "EE", "LV", "LT", "PL", "DE", "CZ"]:
        assert shapes[code].in_eu, code
    for code in ["RU", "NO", "BY", "UA"]:
        assert not shapes[code].in_eu, code
    # Åland is drawn apart from Finland, and shares its membership.
    assert shapes["AX"].in_eu
    # Far away countries are not drawn at all.
    assert not {"US", "ES", "GB", "JP"} & set(shapes)


def test_outlines_are_computed_once_per_process():
    assert geography.country_shapes() is geography.country_shapes()


def test_outlines_stay_inside_the_frame_and_never_jump_across_it():
    for shape in geography.country_shapes():
        for ring in shape.path.split("M")[1:]:
            numbers = [float(n) for n in ring.rstrip("Z").split()]
            points = list(zip(numbers[::2], numbers[1::2], strict=True))
            assert len(points) >= 3
            for x, y in points:
                assert -3 <= x <= geography.WIDTH + 3 and -3 <= y <= geography.HEIGHT + 3
            # An edge crossing most of the map inside the frame is a decoding error (Russia's
            # outline crosses the antimeridian at the Bering Strait).
            for (x1, y1), (x2, _y2) in zip(points, points[1:] + points[:1], strict=True):
                inside = 0 < y1 < geography.HEIGHT and 0 < x1 < geography.WIDTH
                assert not (inside and abs(x2 - x1) > geography.WIDTH / 3), shape.code


def test_projection_puts_north_up_and_east_right():
    tornio = geography.project(24.1466, 65.8481)
    cieszyn = geography.project(18.6323, 49.7496)
    imatra = geography.project(28.7524, 61.1719)
    assert tornio[1] < imatra[1] < cieszyn[1]
    assert cieszyn[0] < tornio[0] < imatra[0]
    assert 0 < cieszyn[1] < geography.HEIGHT


def test_a_twin_is_a_line_between_its_two_cities(network):
    twins = list(CityTwin.objects.with_cities())
    current = twins[4]
    drawn = geography.network_map(twins, current=current)
    assert [twin.name for twin in drawn.twins][-1] == "Tornio – Haparanda"
    assert drawn.has_current
    tornio = drawn.twins[-1]
    assert tornio.current and tornio.url == "/twins/tornio-haparanda/"
    first, second = tornio.line
    assert (first.name, second.name) == ("Tornio", "Haparanda")
    # The two cities are 700 m apart: drawn apart about their midpoint, never one dot.
    assert math.dist((first.x, first.y), (second.x, second.y)) >= maplabels.MIN_CITY_GAP - 0.2
    projected = [geography.project(24.1466, 65.8481), geography.project(24.1368, 65.8355)]
    middle = [(a + b) / 2 for a, b in zip(*projected, strict=True)]
    assert math.dist(middle, ((first.x + second.x) / 2, (first.y + second.y) / 2)) < 0.2


def label_problems(drawn) -> list[str]:
    """Labels that leave the map, overlap each other or cover a city of any twin."""
    problems = []
    boxes = [(twin.name, twin.box) for twin in drawn.twins if twin.label]
    frame = maplabels.Box(0, 0, drawn.width, drawn.height)
    for name, box in boxes:
        if not (box.x >= 0 and box.y >= 0 and box.right <= frame.right):
            problems.append(f"{name} leaves the map")
        if box.bottom > frame.bottom:
            problems.append(f"{name} leaves the map")
        for twin in drawn.twins:
            for city in twin.cities:
                if box.intersects(maplabels.point_box(city.x, city.y)):
                    problems.append(f"{name} covers {city.name}")
    for (one, first), (other, second) in itertools.combinations(boxes, 2):
        if first.intersects(second):
            problems.append(f"{one} overlaps {other}")
    return problems


def test_no_label_overlaps_another_or_covers_a_city(network):
    drawn = geography.network_map(CityTwin.objects.with_cities())
    assert len(drawn.twins) == 7
    assert label_problems(drawn) == []
    # Every subset the directory can show is laid out afresh, as cleanly.
    for code in ["PL", "RU", "FI", "DE", "EE"]:
        assert (
            label_problems(geography.network_map(CityTwin.objects.in_country(code).with_cities()))
            == []
        )


def test_labels_hold_a_twins_city_names_and_are_tap_targets(network):
    drawn = geography.network_map(CityTwin.objects.with_cities())
    frankfurt = next(twin for twin in drawn.twins if twin.url == "/twins/frankfurt-oder-slubice/")
    assert [line for line, _x, _y in frankfurt.label.lines] == ["Frankfurt (Oder)", "Słubice"]
    for twin in drawn.twins:
        # 24 px where the map is narrowest: 341 px wide for its 480 units.
        assert twin.box.height * 341 / drawn.width >= 24
        assert twin.box.width >= max(
            maplabels.text_width(line) for line, _x, _y in twin.label.lines
        )


def test_a_crowded_network_still_gets_separate_labels():
    """Three more twins packed around the Polish border."""
    for n, (lat, lon) in enumerate([(52.0, 14.7), (51.6, 15.2), (50.9, 15.7)]):
        twin = CityTwinFactory(name=f"Crowded {n}", slug=f"crowded-{n}")
        CityFactory(twin=twin, name=f"West {n}", latitude=str(lat), longitude=str(lon))
        CityFactory(twin=twin, name=f"East {n}", latitude=str(lat), longitude=str(lon + 0.3))
    drawn = geography.network_map(CityTwin.objects.with_cities())
    assert label_problems(drawn) == []


def test_twins_without_coordinates_are_left_off_the_map():
    twin = CityTwinFactory()
    CityFactory(twin=twin, latitude=None, longitude=None)
    CityFactory(twin=twin, latitude=None, longitude=None)
    assert geography.network_map(CityTwin.objects.with_cities()).twins == []


def test_map_is_a_labelled_group_of_focusable_twin_links_with_a_text_alternative(client, network):
    content = client.get("/twins/").content.decode()
    svg = re.search(r"<svg .*?</svg>", content, re.S).group(0)
    assert 'role="group"' in svg
    assert 'aria-labelledby="network-map-title"' in svg
    assert 'aria-describedby="network-map-note"' in svg
    assert '<title id="network-map-title">' in svg
    # The outlines are decoration; the twins are links with names.
    assert re.search(r'<g aria-hidden="true">\s*<rect class="map-sea"', svg)
    links = re.findall(
        r'<a href="(/twins/[\w-]+/)" class="map-twin">\s*<title>([^<]+)</title>', svg
    )
    assert len(links) == 7
    assert ("/twins/valka-valga/", "Valka – Valga") in links
    assert 'id="network-map-note"' in content and 'href="#twin-list"' in content
    # Nothing from elsewhere, nothing the page's CSP would refuse.
    assert "style=" not in svg and "<script" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_filtered_directory_maps_only_what_it_lists(client, network):
    svg = re.search(r"<svg .*?</svg>", client.get("/twins/?country=RU").content.decode(), re.S)
    links = re.findall(r'<a href="(/twins/[\w-]+/)"', svg.group(0))
    assert links == ["/twins/imatra-svetogorsk/", "/twins/narva-ivangorod/"]


def test_a_city_moved_on_the_map_moves_its_dot(client, network):
    City.objects.filter(slug="valga").update(latitude="58.00000", longitude="27.00000")
    x, y = (round(v, 1) for v in geography.project(27.0, 58.0))
    content = client.get("/twins/valka-valga/").content.decode()
    assert f'cx="{x}" cy="{y}"' in content


@pytest.fixture
def placements(monkeypatch):
    """How often labels are placed: the real placement, counted, with nothing kept before."""
    monkeypatch.setattr(maplabels, "LAYOUTS", type(maplabels.LAYOUTS)())
    monkeypatch.setattr(networkmap, "MAPS", type(networkmap.MAPS)())
    calls = []
    place = maplabels.labels_place

    def counted(*args, **kwargs):
        calls.append(args)
        return place(*args, **kwargs)

    monkeypatch.setattr(maplabels, "labels_place", counted)
    return calls


def test_the_network_map_is_drawn_once_for_every_request_until_it_changes(
    client, network, placements
):
    first = client.get("/").content.decode()
    assert client.get("/").content.decode() == first
    # A twin's page draws the same map, its twin highlighted on top.
    content = client.get("/twins/valka-valga/").content.decode()
    assert re.search(r'<a href="/twins/valka-valga/" class="map-twin is-current"', content)
    assert 'class="map-twin is-current"' not in first
    assert len(placements) == 1
    # Another language names the twins its way: a map of its own, once.
    client.get("/fi/")
    client.get("/fi/")
    assert len(placements) == 2


@pytest.mark.parametrize("page", ["/", "/twins/valka-valga/", "/twins/"])
def test_a_city_renamed_or_moved_shows_on_the_next_map(client, network, placements, page):
    """Even written by a bulk update, which no signal reports: the map is kept under what it is
    drawn from, so there is nothing to invalidate."""
    client.get(page)
    City.objects.filter(slug="valga").update(
        name="Valga Moved", latitude="58.00000", longitude="27.00000"
    )
    x, y = (round(v, 1) for v in geography.project(27.0, 58.0))
    svg = re.search(r"<svg .*?</svg>", client.get(page).content.decode(), re.S).group(0)
    assert f'cx="{x}" cy="{y}"' in svg
    assert ">Valga Moved</tspan>" in svg
    assert len(placements) == 2


def test_a_full_map_labels_only_the_twins_it_has_room_for():
    """Above LABEL_EVERY twins a twin with no free place for its label is drawn unlabelled: still
    a link named by its title, and listed beside the map."""
    count = maplabels.LABEL_EVERY + 10
    for n in range(count):
        twin = CityTwinFactory(name=f"Packed {n}", slug=f"packed-{n}")
        lat, lon = 54.0 + (n % 5) * 0.3, 20.0 + (n // 5) * 0.4
        CityFactory(twin=twin, name=f"West {n}", latitude=str(lat), longitude=str(lon))
        CityFactory(twin=twin, name=f"East {n}", latitude=str(lat), longitude=str(lon + 0.2))
    drawn = geography.network_map(CityTwin.objects.with_cities())
    labelled = [twin for twin in drawn.twins if twin.label]
    assert len(drawn.twins) == count
    assert 0 < len(labelled) < count
    assert label_problems(drawn) == []
    markup = drawn.twins_markup
    assert markup.count('class="map-twin"') == count
    assert markup.count("<title>Packed ") == count
    assert markup.count('class="map-label"') == len(labelled)
