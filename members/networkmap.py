"""The whole network's map (the home page's, and a twin's page's with the twin highlighted), kept
per process and drawn once per change of the network.

At hundreds of twins, reading every twin and city as model instances, placing the labels and
writing the SVG cost more than all the rest of these pages. So the map is read as plain values
(two queries, the same number as the instances' read it replaces) and kept, drawn and written,
under a key made of everything it is drawn from: every twin's id, slug and name, every city's
name and coordinates, and the language (names and addresses). It is a cache of derived data,
not of a page: any change to those values, by any process and by any kind of write (even a
queryset `update()`, which sends no signal), makes another key, so the next request's map shows
it, whether the page cache (citytwins/pagecache.py) is on or off (PAGE_CACHE=0), with nothing to
invalidate. What a request does: the two queries, the key, and the current twin marked.
"""

import dataclasses
import threading
from collections import OrderedDict

from django.urls import reverse
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translation_language

from members.geography import NetworkMap, network_map_draw
from members.models import City, CityTwin

# A map per language is enough; a few more leave room for the key of a change in progress.
MAPS_KEPT = 24
MAPS: OrderedDict[tuple, NetworkMap] = OrderedDict()
_maps_lock = threading.Lock()


def name_columns() -> tuple[str, ...]:
    """The name columns: English, and the reader's language if it is another (its name, where
    it has one of its own, comes first: `_name`)."""
    local = build_localized_fieldname("name", translation_language())
    return ("name_en",) if local == "name_en" else ("name_en", local)


def name_in_language(names) -> str:
    """The name read from `name_columns()`, as the model's field would give it."""
    return names[-1] or names[0]


def network_map_read(*, current: CityTwin | None = None) -> NetworkMap:
    """The map of every twin, `current` drawn highlighted (last, on top)."""
    names = name_columns()
    twins = tuple(CityTwin.objects.values_list("pk", "slug", *names))
    cities = tuple(
        City.objects.order_by("twin_id", "position", "pk").values_list(
            "twin_id", "latitude", "longitude", *names
        )
    )
    key = (get_language(), twins, cities)
    with _maps_lock:
        drawn = MAPS.get(key)
        if drawn is not None:
            MAPS.move_to_end(key)
    if drawn is None:
        drawn = _draw(twins, cities)
        drawn.twins_markup  # noqa: B018 - written once here, read by every request after
        with _maps_lock:
            MAPS[key] = drawn
            while len(MAPS) > MAPS_KEPT:
                MAPS.popitem(last=False)
    if current is None:
        return drawn
    marks = [mark for mark in drawn.twins if mark.pk != current.pk]
    highlighted = [
        dataclasses.replace(mark, current=True, markup="")
        for mark in drawn.twins
        if mark.pk == current.pk
    ]
    return dataclasses.replace(drawn, twins=marks + highlighted)


def _draw(twins, cities) -> NetworkMap:
    by_twin: dict[int, list] = {}
    for twin_id, latitude, longitude, *names in cities:
        by_twin.setdefault(twin_id, []).append((name_in_language(names), latitude, longitude))
    drawn = network_map_draw(
        (pk, name_in_language(names), _twin_url(slug), by_twin.get(pk, []))
        for pk, slug, *names in twins
    )
    drawn.twin_count = len(twins)
    return drawn


def _twin_url(slug: str) -> str:
    return reverse("members:twin_detail", kwargs={"slug": slug})
