"""Where the map's labels go: computed on the server, so no two labels overlap and no label
covers a twin's points, whatever font the reader's browser picks.

A label is the twin's city names, one per line, in a box that is also the link's tap target.
Each twin tries candidate boxes around its points, nearest first; the most crowded twins choose
first (a greedy search; a grid keeps it fast with hundreds of twins). Up to LABEL_EVERY twins
each gets a label, in the least crowded place if none is free; on a fuller map only the twins
with a free place are labelled: the others are still drawn and linked, named by their title, and
the list beside the map is the text alternative.
"""

import math
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

# In SVG user units; site.css sets .map-label to the same size. The map is 480 units wide and
# at least 341 px on a 375 px phone, so 18 units render at 12.8 px there, more on a desktop.
FONT_SIZE = 18.0
LINE_HEIGHT = 1.2 * FONT_SIZE
ASCENT = 0.93 * FONT_SIZE
PADDING = 3.0
# A label is a tap target: at least 24 px tall where the map is narrowest (341 px for 480 units).
MIN_BOX_HEIGHT = 36.0
# A city's dot (r 4 and its white edge), kept clear of every label.
POINT_CLEARANCE = 7.0
# The two cities of a twin are drawn at least this far apart, so they never merge into one dot.
MIN_CITY_GAP = 16.0
# Labels keep this much air between each other.
MARGIN = 2.0
# Up to this many twins every one is labelled; above it only those with room for a label.
LABEL_EVERY = 40

# Advance widths in em of DejaVu Sans Bold, the widest of the fonts the stylesheet names (and
# Chromium's choice on Linux): estimates from it hold for narrower fonts too.
_EM = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", [
        0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343,
        1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645,
        0.652, 0.582], strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [
        0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637,
        0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771,
        0.724, 0.725], strict=True)),
    " ": 0.348, "(": 0.457, ")": 0.457, "–": 0.5, "-": 0.415, ".": 0.38, ",": 0.38,
    "'": 0.306, "’": 0.38, "/": 0.365, "&": 0.872,
}  # fmt: skip
_EM_UNKNOWN = 0.8  # Cyrillic, digits and the rest: wider than most letters
# Letters with no decomposition, measured as the letter they are drawn from.
_BASE = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i"}


def _em(char: str) -> float:
    if char in _EM:
        return _EM[char]
    base = _BASE.get(char) or unicodedata.normalize("NFKD", char)[:1]
    return _EM.get(base, _EM_UNKNOWN)


def text_width(text: str) -> float:
    """The width of `text` as a label, in user units, a little generous."""
    return sum(_em(char) for char in text) * FONT_SIZE * 1.04


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def intersects(self, other: "Box", margin: float = 0.0) -> bool:
        return not (
            self.right + margin <= other.x
            or other.right + margin <= self.x
            or self.bottom + margin <= other.y
            or other.bottom + margin <= self.y
        )

    def overlap(self, other: "Box") -> float:
        width = min(self.right, other.right) - max(self.x, other.x)
        height = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(width, 0.0) * max(height, 0.0)


def point_box(x: float, y: float) -> Box:
    return Box(x - POINT_CLEARANCE, y - POINT_CLEARANCE, 2 * POINT_CLEARANCE, 2 * POINT_CLEARANCE)


def spread(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Two cities closer than MIN_CITY_GAP are moved apart along the line between them (east
    and west when they coincide), about their midpoint."""
    if len(points) != 2:
        return list(points)
    (x1, y1), (x2, y2) = points
    distance = math.hypot(x2 - x1, y2 - y1)
    if distance >= MIN_CITY_GAP:
        return list(points)
    ux, uy = ((x2 - x1) / distance, (y2 - y1) / distance) if distance else (1.0, 0.0)
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    half = MIN_CITY_GAP / 2
    return [(mx - ux * half, my - uy * half), (mx + ux * half, my + uy * half)]


@dataclass
class Placed:
    box: Box
    # Baselines of the lines, and the leader from the box to the nearest city when it stands off.
    lines: list[tuple[str, float, float]]
    leader: tuple[float, float, float, float] | None


def _candidates(points: Sequence[tuple[float, float]], width: float, height: float):
    """Boxes around the points, nearest first: beside (right, then left), then above and below,
    then the corners, each at growing distances."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, right = min(xs) - POINT_CLEARANCE, max(xs) + POINT_CLEARANCE
    top, bottom = min(ys) - POINT_CLEARANCE, max(ys) + POINT_CLEARANCE
    middle, centre = (top + bottom) / 2, (left + right) / 2
    for gap in (MARGIN, 12.0, 26.0, 44.0):
        for shift in (0.0, -0.5, 0.5, -1.0, 1.0):
            y = middle - height / 2 + shift * height
            yield Box(right + gap, y, width, height)
            yield Box(left - gap - width, y, width, height)
        for shift in (0.0, -0.4, 0.4):
            x = centre - width / 2 + shift * width
            yield Box(x, top - gap - height, width, height)
            yield Box(x, bottom + gap, width, height)
        yield Box(right + gap, top - gap - height, width, height)
        yield Box(left - gap - width, top - gap - height, width, height)
        yield Box(right + gap, bottom + gap, width, height)
        yield Box(left - gap - width, bottom + gap, width, height)


class Grid:
    """Boxes filed by the cells of a grid they cover, so a box is checked against the few boxes
    near it rather than every box on the map (hundreds of twins at scale)."""

    CELL = 48.0

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[int, float, float, float, float]]] = {}
        self.count = 0

    def _keys(self, x: float, y: float, right: float, bottom: float, margin: float):
        cell = self.CELL
        xs = range(math.floor((x - margin) / cell), math.floor((right + margin) / cell) + 1)
        ys = range(math.floor((y - margin) / cell), math.floor((bottom + margin) / cell) + 1)
        return [(i, j) for i in xs for j in ys]

    def add(self, box: Box) -> None:
        row = (self.count, box.x, box.y, box.right, box.bottom)
        for key in self._keys(box.x, box.y, box.right, box.bottom, 0.0):
            self.cells.setdefault(key, []).append(row)
        self.count += 1

    def overlap(self, box: Box, margin: float = 0.0) -> float:
        """The summed overlap of `box` with the boxes it intersects (with `margin`), added up in
        the order they were filed: exactly `sum(box.overlap(o) for o in boxes if
        box.intersects(o, margin))` over the whole list, in a fraction of the time."""
        x, y, right, bottom = box.x, box.y, box.right, box.bottom
        found = {}
        for key in self._keys(x, y, right, bottom, margin):
            for number, ox, oy, o_right, o_bottom in self.cells.get(key, ()):
                if number in found or (
                    right + margin <= ox
                    or o_right + margin <= x
                    or bottom + margin <= oy
                    or o_bottom + margin <= y
                ):
                    continue
                width = min(right, o_right) - max(x, ox)
                height = min(bottom, o_bottom) - max(y, oy)
                found[number] = max(width, 0.0) * max(height, 0.0)
        return sum(found[number] for number in sorted(found))


def labels_place(
    twins: Sequence[tuple[list[str], list[tuple[float, float]]]], *, width: float, height: float
) -> list[Placed | None]:
    """A box per twin ((lines, points) each) inside the frame, clear of every other box and of
    every twin's points where such a place exists; otherwise the least overlapping one, or none
    above LABEL_EVERY twins."""
    label_every = len(twins) <= LABEL_EVERY
    keep_clear = Grid()
    for _, points in twins:
        for x, y in points:
            keep_clear.add(point_box(x, y))
    taken = Grid()
    frame = Box(0, 0, width, height)

    def crowding(index: int) -> float:
        x, y = twins[index][1][0]
        return -sum(
            1 / (1 + math.hypot(x - ox, y - oy))
            for other, (_, points) in enumerate(twins)
            if other != index
            for ox, oy in points
        )

    placed: dict[int, Placed | None] = {}
    for index in sorted(range(len(twins)), key=crowding):
        lines, points = twins[index]
        box_width = max(text_width(line) for line in lines) + 2 * PADDING
        box_height = max(len(lines) * LINE_HEIGHT + 2 * PADDING, MIN_BOX_HEIGHT)
        best, best_cost = None, math.inf
        for box in _candidates(points, box_width, box_height):
            inside = frame.x <= box.x and box.right <= frame.right
            inside = inside and frame.y <= box.y and box.bottom <= frame.bottom
            cost = taken.overlap(box, MARGIN)
            cost += keep_clear.overlap(box)
            cost += 0.0 if inside else 1e6
            if cost < best_cost:
                best, best_cost = box, cost
            if cost == 0:
                break
        if best_cost and not label_every:
            placed[index] = None
            continue
        placed[index] = _placed(best, lines, points)
        taken.add(best)
    return [placed[index] for index in range(len(twins))]


def _placed(box: Box, lines: list[str], points: Sequence[tuple[float, float]]) -> Placed:
    text_height = len(lines) * LINE_HEIGHT
    first = box.y + (box.height - text_height) / 2 + ASCENT
    baselines = [(line, box.x + PADDING, first + n * LINE_HEIGHT) for n, line in enumerate(lines)]
    # A box that stands off its points gets a thin line to the nearest one.
    nearest = min(points, key=lambda p: _distance_to_box(p, box))
    leader = None
    if _distance_to_box(nearest, box) > POINT_CLEARANCE + MARGIN + 1:
        edge_x = min(max(nearest[0], box.x), box.right)
        edge_y = min(max(nearest[1], box.y), box.bottom)
        leader = (nearest[0], nearest[1], edge_x, edge_y)
    return Placed(box=box, lines=baselines, leader=leader)


def _distance_to_box(point: tuple[float, float], box: Box) -> float:
    dx = max(box.x - point[0], 0.0, point[0] - box.right)
    dy = max(box.y - point[1], 0.0, point[1] - box.bottom)
    return math.hypot(dx, dy)


# Layouts kept per process: the network's, each page of the directory's and a few filters'.
LAYOUTS: OrderedDict[tuple, list[Placed | None]] = OrderedDict()
LAYOUTS_KEPT = 64
_layouts_lock = threading.Lock()


def labels_placed(twins: tuple, *, width: float, height: float) -> list[Placed | None]:
    """`labels_place` for these (names, points), computed once while they stay the same: kept
    per process, keyed by everything the placement is computed from. Derived data, not a page:
    a city renamed or moved makes a new key, so the next map shows it whether or not the page
    cache is on, and whichever process made the change; nothing to invalidate."""
    key = (width, height, twins)
    with _layouts_lock:
        layout = LAYOUTS.get(key)
        if layout is not None:
            LAYOUTS.move_to_end(key)
            return layout
    layout = labels_place(twins, width=width, height=height)
    with _layouts_lock:
        LAYOUTS[key] = layout
        while len(LAYOUTS) > LAYOUTS_KEPT:
            LAYOUTS.popitem(last=False)
    return layout
