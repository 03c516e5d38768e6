"""VTIMEZONE components from the IANA database, written the way calendars read best.

`icalendar` finds each zone's clock changes and lists them as RDATEs; some readers (vobject among
them) keep only the first date of such a list and then put a summer meeting an hour off. Yearly
changes are therefore written as a rule ("the last Sunday of March at 04:00"), with an UNTIL where
a rule ended (Moscow's summer time in 2010), and single changes as their own component. Every
file we write carries the same definition of a zone, from 2000 to 2060.
"""

import calendar
import datetime
import functools

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

RULES_FROM = datetime.date(2000, 1, 1)
RULES_UNTIL = datetime.date(2060, 1, 1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@functools.lru_cache(maxsize=64)
def zone_component(tzid: str) -> Timezone:
    """The VTIMEZONE of an IANA zone (cached: the rules change with a new tzdata only)."""
    source = Timezone.from_tzid(tzid, first_date=RULES_FROM, last_date=RULES_UNTIL)
    zone = Timezone()
    zone.add("tzid", tzid)
    for part in source.subcomponents:
        offset_from, offset_to = part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td
        # icalendar gives the first wall-clock time on the new offset; RFC 5545 wants the
        # change's moment on the clock it changes from (02:00 → 03:00 is "02:00", not "03:00").
        forward = max(offset_to - offset_from, datetime.timedelta(0))
        starts = sorted(start - forward for start in [part["DTSTART"].dt, *_rdates(part)])
        for run, weekday_code in _yearly_runs(starts):
            kind = TimezoneDaylight if part.name == "DAYLIGHT" else TimezoneStandard
            component = kind()
            component.add("tzname", str(part["TZNAME"]))
            component.add("tzoffsetfrom", offset_from)
            component.add("tzoffsetto", offset_to)
            component.add("dtstart", run[0])
            if len(run) > 1:
                rule = {
                    "FREQ": "YEARLY",
                    "BYMONTH": run[0].month,
                    "BYDAY": f"{weekday_code}{WEEKDAYS[run[0].weekday()]}",
                }
                if run[-1].year < RULES_UNTIL.year - 1:
                    # UNTIL is in UTC. A day after the last change: no reader, whether it
                    # compares in UTC or (like dateutil) on the local clock, drops that change,
                    # and the next would have been a year later.
                    last = run[-1] - offset_from + datetime.timedelta(days=1)
                    rule["UNTIL"] = last.replace(tzinfo=datetime.UTC)
                component.add("rrule", rule)
            zone.add_component(component)
    return zone


def _rdates(part) -> list[datetime.datetime]:
    value = part.get("RDATE")
    if value is None:
        return []
    lists = value if isinstance(value, list) else [value]
    return [entry.dt for dates in lists for entry in dates.dts]


def _week_codes(moment: datetime.datetime) -> set[int]:
    """Which occurrence of its weekday in the month a date is: 1–5 from the start, -1 if last."""
    codes = {(moment.day - 1) // 7 + 1}
    if moment.day + 7 > calendar.monthrange(moment.year, moment.month)[1]:
        codes.add(-1)
    return codes


def _yearly_runs(starts: list[datetime.datetime]) -> list[tuple[list[datetime.datetime], int]]:
    """Split the changes into runs that repeat every year on the same weekday of the same
    month at the same time; each with the week code ("-1" last, "1" first …) they share."""
    runs: list[tuple[list[datetime.datetime], set[int]]] = []
    for moment in starts:
        if runs:
            run, codes = runs[-1]
            previous = run[-1]
            shared = codes & _week_codes(moment)
            if (
                moment.year == previous.year + 1
                and (moment.month, moment.time(), moment.weekday())
                == (previous.month, previous.time(), previous.weekday())
                and shared
            ):
                run.append(moment)
                runs[-1] = (run, shared)
                continue
        runs.append(([moment], _week_codes(moment)))
    return [(run, -1 if -1 in codes else min(codes)) for run, codes in runs]
