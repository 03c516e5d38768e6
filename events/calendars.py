"""Calendars (RFC 5545, written with `icalendar`): one event's file and the feeds.

Each event keeps one UID (`<uuid>@<site host>`) for life; its SEQUENCE rises with each change a
calendar shows, so calendars that imported it take the update; a cancelled event stays in the
feed as STATUS:CANCELLED so subscribed calendars drop it. Times are written in the host city's
zone with a VTIMEZONE for it (events.zones), so a calendar anywhere shows the right instant.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from citytwins.links import site_url
from events.models import Event
from events.zones import zone_component

PRODID = "-//City Twins Association//Meetings and events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event: Event) -> str:
    return f"{event.uid}@{urlsplit(settings.SITE_URL).hostname or 'citytwins.net'}"


def calendar_build(events: Iterable[Event], *, name: str = "") -> bytes:
    """A calendar of `events` (host cities selected with them) with a VTIMEZONE per zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    zones = set()
    for event in events:
        zone = event.zone
        zones.add(zone.key)
        start = timezone.localtime(event.starts_at, zone)
        end = timezone.localtime(event.ends_at, zone)
        calendar.add_component(_calendar_event(event, start, end))
    for position, tzid in enumerate(sorted(zones)):
        calendar.subcomponents.insert(position, zone_component(tzid))
    return calendar.to_ical()


def event_calendar(event: Event) -> bytes:
    return calendar_build([event])


def calendar_attachment(event: Event) -> dict[str, str]:
    """The event's calendar as an email attachment (for the outbox)."""
    return {
        "filename": f"{event.slug}.ics",
        "content": event_calendar(event).decode(),
        "mimetype": "text/calendar",
    }


def _calendar_event(event: Event, start: datetime.datetime, end: datetime.datetime):
    url = site_url(event.get_absolute_url())
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at)
    entry.add("created", event.created_at)
    entry.add("last-modified", event.updated_at)
    entry.add("sequence", event.sequence)
    entry.add("dtstart", start)
    entry.add("dtend", end)
    title = _("%(title)s (Sample)") % {"title": event.title} if event.is_sample else event.title
    entry.add("summary", title)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    entry.add("class", "PRIVATE" if event.is_members_only else "PUBLIC")
    entry.add("categories", [event.get_kind_display()])
    entry.add("url", url)
    location = _location(event)
    if location:
        entry.add("location", location)
    entry.add("description", _description(event, url))
    return entry


def _location(event: Event) -> str:
    if not event.venue and event.online_url:
        return _("Online: %(url)s") % {"url": event.online_url}
    return ", ".join([*event.place_lines(), event.host_city.country.name])


def _description(event: Event, url: str) -> str:
    parts = []
    if event.is_cancelled:
        parts.append(_("CANCELLED. %(reason)s") % {"reason": event.cancellation_reason})
    if event.summary:
        parts.append(event.summary)
    if event.description:
        parts.append(event.description)
    if event.online_url:
        parts.append(_("Online: %(url)s") % {"url": event.online_url})
    parts.append(url)
    return "\n\n".join(parts)
