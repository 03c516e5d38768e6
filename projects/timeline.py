"""The projects' timeline: one bar per project from its start to its end, drawn on the server as
SVG. It is a picture of the list beside it, which is its text alternative."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# SVG user units.
WIDTH = 720
LABEL_WIDTH = 230
ROW = 24
BAR = 14
AXIS = 28
LABEL_CHARACTERS = 30


@dataclass
class Bar:
    title: str
    label: str
    url: str
    status: str
    x: float
    width: float
    y: float
    open_end: bool


@dataclass
class Tick:
    x: float
    year: int


@dataclass
class Timeline:
    bars: list[Bar]
    ticks: list[Tick]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def axis_y(self) -> int:
        return self.height - AXIS + 6


def _shortened(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def timeline_for(projects: Iterable, *, today: datetime.date) -> Timeline | None:
    """Bars for the projects that have a start; a project without an end runs to today (or its
    start, if that lies ahead). None when no project has a start."""
    dated = [project for project in projects if project.starts_on is not None]
    if not dated:
        return None
    spans = []
    for project in dated:
        end = project.ends_on or max(today, project.starts_on)
        spans.append((project, project.starts_on, end))
    first = datetime.date(min(start for _, start, _ in spans).year, 1, 1)
    last = datetime.date(max(end for _, _, end in spans).year + 1, 1, 1)
    days = (last - first).days
    scale = (WIDTH - LABEL_WIDTH - 10) / days

    def x(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    bars = []
    for row, (project, start, end) in enumerate(spans):
        bars.append(
            Bar(
                title=project.title,
                label=_shortened(project.title),
                url=project.get_absolute_url(),
                status=project.status,
                x=x(start),
                width=max(round(x(end) - x(start), 1), 3.0),
                y=row * ROW + 6,
                open_end=project.ends_on is None,
            )
        )
    ticks = [Tick(x(datetime.date(year, 1, 1)), year) for year in range(first.year, last.year)]
    return Timeline(bars=bars, ticks=ticks, height=len(bars) * ROW + AXIS + 6)
