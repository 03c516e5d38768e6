"""An event's times as people read them: in the host city's time zone, with the zone's name.

Stored instants are UTC; a reader in Narva and one in Haparanda both see Narva's clock, named,
so nobody has to guess which hour is meant.
"""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.translation import gettext as _


# In the reader's language's formats (settings.FORMAT_MODULE_PATH): the weekday before the date.
def _day_format() -> str:
    return "l " + get_format("DATE_FORMAT")


def local_times(event) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end on the host city's clock."""
    zone = event.zone
    return timezone.localtime(event.starts_at, zone), timezone.localtime(event.ends_at, zone)


def event_when(event) -> str:
    """'Tuesday 14 October 2025, 10:00–16:00 EEST (Europe/Tallinn)'; across midnight or a
    change of the clocks each end names its own day and zone abbreviation."""
    start, end = local_times(event)
    values = {
        "day": date_format(start, _day_format()),
        "start": date_format(start, get_format("TIME_FORMAT")),
        "start_abbr": date_format(start, "T"),
        "end_day": date_format(end, _day_format()),
        "end": date_format(end, get_format("TIME_FORMAT")),
        "end_abbr": date_format(end, "T"),
        "zone": event.zone.key,
    }
    if start.date() != end.date():
        return (
            _("%(day)s, %(start)s %(start_abbr)s – %(end_day)s, %(end)s %(end_abbr)s (%(zone)s)")
            % values
        )
    if values["start_abbr"] != values["end_abbr"]:
        return _("%(day)s, %(start)s %(start_abbr)s – %(end)s %(end_abbr)s (%(zone)s)") % values
    return _("%(day)s, %(start)s–%(end)s %(start_abbr)s (%(zone)s)") % values


def event_when_short(event) -> str:
    """'14 Oct 2025, 10:00 EEST' (the start) for lists; '10.03.2027 klo 10.00 EET' in
    Finnish."""
    start, _end = local_times(event)
    return f"{date_format(start, get_format('SHORT_DATETIME_FORMAT'))} {date_format(start, 'T')}"
