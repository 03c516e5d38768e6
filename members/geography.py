"""The network's map: country outlines of North-East Europe and the twins drawn on them.

The outlines are Natural Earth's (public domain) as the `world-atlas` npm package ships them in
TopoJSON (`atlas/`). They are decoded, projected, clipped and simplified once per process; a
request only projects its cities.

The labels' placement (seconds for hundreds of twins) is computed once per change of what it
depends on (`maplabels.labels_placed`); the whole network's map is kept whole
(`members/networkmap.py`).
"""

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django_countries import countries

from members.maplabels import Box, Placed, labels_placed, spread
from members.models import EU_COUNTRIES

ATLAS = Path(__file__).resolve().parent / "atlas" / "countries-50m.json"
# Natural Earth draws these apart from the state whose EU membership they share.
PART_OF = {"AX": "FI"}

# The region of the network, in degrees: every city of the record lies well inside it.
WEST, EAST, SOUTH, NORTH = 8.0, 36.0, 47.0, 69.0
# The map's width in SVG user units; its height follows from the projection.
WIDTH = 480
# Outline points closer than this (in user units) to the last one kept are dropped.
TOLERANCE = 0.6

Point = tuple[float, float]


def _mercator_y(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


_SCALE = WIDTH / math.radians(EAST - WEST)
HEIGHT = round(_SCALE * (_mercator_y(NORTH) - _mercator_y(SOUTH)))


def project(longitude: float, latitude: float) -> Point:
    """Mercator, scaled so the region fills WIDTH × HEIGHT with north up."""
    x = _SCALE * math.radians(longitude - WEST)
    y = _SCALE * (_mercator_y(NORTH) - _mercator_y(latitude))
    return x, y


def _clip(ring: Sequence[Point], margin: float = 2.0) -> list[Point]:
    """Sutherland–Hodgman against the map's frame (a little outside it, so no edge shows)."""
    low_x, low_y, high_x, high_y = -margin, -margin, WIDTH + margin, HEIGHT + margin
    edges = [
        (lambda p: p[0] >= low_x, lambda a, b: _cross_x(a, b, low_x)),
        (lambda p: p[0] <= high_x, lambda a, b: _cross_x(a, b, high_x)),
        (lambda p: p[1] >= low_y, lambda a, b: _cross_y(a, b, low_y)),
        (lambda p: p[1] <= high_y, lambda a, b: _cross_y(a, b, high_y)),
    ]
    points = list(ring)
    for inside, cross in edges:
        if not points:
            break
        clipped = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    clipped.append(cross(previous, point))
                clipped.append(point)
            elif inside(previous):
                clipped.append(cross(previous, point))
            previous = point
        points = clipped
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _simplify(ring: Sequence[Point]) -> list[Point]:
    kept = [ring[0]]
    for point in ring[1:]:
        last = kept[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= TOLERANCE:
            kept.append(point)
    return kept


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(rings: Iterable[Sequence[Point]]) -> str:
    parts = []
    for ring in rings:
        parts.append(
            "M" + " ".join(f"{_number(x)} {_number(y)}" for x, y in ring) + "Z",
        )
    return "".join(parts)


def _arcs_decode(topology: dict) -> list[list[Point]]:
    """Quantized, delta-encoded arcs to longitude/latitude."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """Join a ring's arcs; a negative index (~i) is arc i reversed. Shared ends appear once."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return _unwrapped(points)


def _unwrapped(ring: list[Point]) -> list[Point]:
    """Russia crosses the antimeridian: keep its longitudes continuous, or the ring would jump
    across the whole map at the Bering Strait's latitude."""
    shift = 0.0
    unwrapped = [ring[0]]
    for (previous, _), (longitude, latitude) in itertools.pairwise(ring):
        if longitude - previous > 180:
            shift -= 360
        elif previous - longitude > 180:
            shift += 360
        unwrapped.append((longitude + shift, latitude))
    if min(longitude for longitude, _ in unwrapped) < -180:
        unwrapped = [(longitude + 360, latitude) for longitude, latitude in unwrapped]
    return unwrapped


def _in_region(ring: Sequence[Point], slack: float = 1.0) -> bool:
    longitudes = [p[0] for p in ring]
    latitudes = [p[1] for p in ring]
    return not (
        max(longitudes) < WEST - slack
        or min(longitudes) > EAST + slack
        or max(latitudes) < SOUTH - slack
        or min(latitudes) > NORTH + slack
    )


@dataclass(frozen=True)
class CountryShape:
    code: str
    name: str
    in_eu: bool
    path: str


@functools.cache
def country_shapes() -> tuple[CountryShape, ...]:
    """The countries of the region as SVG paths, computed once per process."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _arcs_decode(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                ring = _ring(arcs, indexes)
                if not _in_region(ring):
                    continue
                clipped = _clip([project(lon, lat) for lon, lat in ring])
                if len(clipped) < 3:
                    continue
                simplified = _simplify(clipped)
                if len(simplified) >= 3:
                    rings.append(simplified)
        if not rings:
            continue
        code = countries.alpha2(geometry.get("id") or "")
        shapes.append(
            CountryShape(
                code=code,
                name=geometry.get("properties", {}).get("name", ""),
                in_eu=PART_OF.get(code, code) in EU_COUNTRIES,
                path=_path(rings),
            )
        )
    return tuple(shapes)


@dataclass
class CityMark:
    name: str
    x: float
    y: float


@dataclass
class TwinMark:
    pk: int
    name: str
    url: str
    cities: list[CityMark]
    current: bool = False
    label: Placed | None = None
    # Its SVG, written once (`_twin_markup`) where the mark is kept across requests.
    markup: str = ""

    @property
    def line(self) -> tuple[CityMark, CityMark] | None:
        return (self.cities[0], self.cities[-1]) if len(self.cities) >= 2 else None

    @property
    def box(self) -> Box:
        return self.label.box


@dataclass
class NetworkMap:
    """What the map template draws: the region's countries, and each located twin."""

    twins: list[TwinMark]
    width: int = WIDTH
    height: int = HEIGHT
    countries: tuple[CountryShape, ...] = field(default_factory=country_shapes)
    # Every twin read, located or not: the home page's count (members/networkmap.py).
    twin_count: int = 0

    @property
    def has_current(self) -> bool:
        return any(twin.current for twin in self.twins)

    @property
    def twins_markup(self) -> str:
        """The twins as SVG links. Written here rather than in the template: at hundreds of
        twins, the template's tags and filters per twin cost more than the rest of the page."""
        for twin in self.twins:
            if not twin.markup:
                twin.markup = _twin_markup(twin)
        # Every text in it went through escape() (_twin_markup).
        return mark_safe("\n".join(twin.markup for twin in self.twins))  # noqa: S308


def _one(value: float) -> str:
    return f"{value:.1f}"


def _twin_markup(twin: TwinMark) -> str:
    current = ' is-current" aria-current="page' if twin.current else ""
    parts = [f'<a href="{escape(twin.url)}" class="map-twin{current}">']
    parts.append(f"<title>{escape(twin.name)}</title>")
    label = twin.label
    if label:
        box = label.box
        parts.append(
            f'<rect class="map-halo" x="{_one(box.x)}" y="{_one(box.y)}"'
            f' width="{_one(box.width)}" height="{_one(box.height)}" rx="4"/>'
        )
        if label.leader:
            x1, y1, x2, y2 = (_one(value) for value in label.leader)
            parts.append(f'<line class="map-leader" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    if twin.line:
        one, other = twin.line
        parts.append(
            f'<line class="map-link" x1="{one.x}" y1="{one.y}" x2="{other.x}" y2="{other.y}"/>'
        )
    parts.extend(f'<circle class="map-city" cx="{c.x}" cy="{c.y}" r="4"/>' for c in twin.cities)
    if label:
        spans = "".join(
            f'<tspan x="{_one(x)}" y="{_one(y)}">{escape(text)}</tspan>'
            for text, x, y in label.lines
        )
        parts.append(f'<text class="map-label">{spans}</text>')
    parts.append("</a>")
    return "".join(parts)


def _located(latitude: Decimal | None, longitude: Decimal | None) -> bool:
    return latitude is not None and longitude is not None


def network_map(twins: Iterable, *, current=None) -> NetworkMap:
    """The map of `twins` (with their cities prefetched); `current` is drawn highlighted."""
    return network_map_draw(
        [
            (
                twin.pk,
                twin.name,
                twin.get_absolute_url(),
                [(city.name, city.latitude, city.longitude) for city in twin.cities.all()],
            )
            for twin in twins
        ],
        current_pk=current.pk if current is not None else None,
    )


def network_map_draw(twins: Iterable, *, current_pk=None) -> NetworkMap:
    """The map of `twins`, each (pk, name, url, [(city name, latitude, longitude)]). Each twin
    is its two cities (drawn apart when they nearly touch) and a label that covers no other
    label and no city."""
    marks = []
    for pk, name, url, cities in twins:
        located = [city for city in cities if _located(city[1], city[2])]
        if not located:
            continue
        points = spread([project(float(lon), float(lat)) for _, lat, lon in located])
        marks.append(
            TwinMark(
                pk=pk,
                name=name,
                url=url,
                cities=[
                    CityMark(city[0], round(x, 1), round(y, 1))
                    for city, (x, y) in zip(located, points, strict=True)
                ],
                current=pk == current_pk,
            )
        )
    placed = labels_placed(
        tuple(
            (tuple(city.name for city in mark.cities), tuple((c.x, c.y) for c in mark.cities))
            for mark in marks
        ),
        width=WIDTH,
        height=HEIGHT,
    )
    for mark, label in zip(marks, placed, strict=True):
        mark.label = label
    # The highlighted twin is drawn last, on top of the others.
    marks.sort(key=lambda mark: mark.current)
    return NetworkMap(twins=marks)
