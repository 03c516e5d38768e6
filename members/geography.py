"""The network's map: country outlines of North-East Europe and the twins drawn on them.

The outlines are Natural Earth's (public domain) as the `world-atlas` npm package ships them in
TopoJSON (`atlas/`). They are decoded, projected, clipped and simplified once per process; a
request only projects its cities.
"""

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django_countries import countries

from members.maplabels import Box, Placed, labels_place, spread
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
    name: str
    url: str
    cities: list[CityMark]
    current: bool = False
    label: Placed | None = None

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

    @property
    def has_current(self) -> bool:
        return any(twin.current for twin in self.twins)


def _located(latitude: Decimal | None, longitude: Decimal | None) -> bool:
    return latitude is not None and longitude is not None


def network_map(twins: Iterable, *, current=None) -> NetworkMap:
    """The map of `twins` (with their cities prefetched); `current` is drawn highlighted. Each
    twin is its two cities (drawn apart when they nearly touch) and a label that covers no other
    label and no city."""
    marks = []
    for twin in twins:
        located = [city for city in twin.cities.all() if _located(city.latitude, city.longitude)]
        if not located:
            continue
        points = spread([project(float(c.longitude), float(c.latitude)) for c in located])
        marks.append(
            TwinMark(
                name=twin.name,
                url=twin.get_absolute_url(),
                cities=[
                    CityMark(city.name, round(x, 1), round(y, 1))
                    for city, (x, y) in zip(located, points, strict=True)
                ],
                current=current is not None and twin.pk == current.pk,
            )
        )
    placed = labels_place(
        [
            ([city.name for city in mark.cities], [(c.x, c.y) for c in mark.cities])
            for mark in marks
        ],
        width=WIDTH,
        height=HEIGHT,
    )
    for mark, label in zip(marks, placed, strict=True):
        mark.label = label
    # The highlighted twin is drawn last, on top of the others.
    marks.sort(key=lambda mark: mark.current)
    return NetworkMap(twins=marks)
