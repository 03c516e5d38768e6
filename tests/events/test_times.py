"""Times are stored as instants and shown on the host city's clock with the zone's name."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from events.models import Event, city_zone
from members.models import City
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

TALLINN = ZoneInfo("Europe/Tallinn")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_a_narva_meeting_at_ten_shows_ten_with_the_zone_and_its_calendar_has_the_instant(
    client, network
):
    EventFactory(
        slug="narva-ten",
        title="Meeting in Narva",
        starts_at=datetime.datetime(2031, 6, 12, 10, 0, tzinfo=TALLINN),
        ends_at=datetime.datetime(2031, 6, 12, 13, 0, tzinfo=TALLINN),
    )
    stored = Event.objects.get(slug="narva-ten").starts_at
    assert stored == datetime.datetime(2031, 6, 12, 7, 0, tzinfo=datetime.UTC)

    page = text_of(client.get("/events/narva-ten/"))
    # The site's own zone is Helsinki (11:00 then); Narva's clock is what the page shows.
    assert "Thursday 12 June 2031, 10:00–13:00 EEST (Europe/Tallinn)" in page
    assert "11:00" not in page

    listing = text_of(client.get("/events/"))
    assert "12 Jun 2031, 10:00 EEST" in listing

    content = client.get("/events/narva-ten.ics").content
    entry = Calendar.from_ical(content).walk("VEVENT")[0]
    assert b"DTSTART;TZID=Europe/Tallinn:20310612T100000" in content
    assert entry.decoded("dtstart").astimezone(datetime.UTC) == stored
    assert vobject.readOne(content.decode()).vevent.dtstart.value.astimezone(
        datetime.UTC
    ) == datetime.datetime(2031, 6, 12, 7, 0, tzinfo=datetime.UTC)


def test_an_event_across_the_autumn_clock_change_keeps_both_instants_right(client, network):
    # Tallinn's clocks go back from 04:00 EEST to 03:00 EET on Sunday 26 October 2031.
    EventFactory(
        slug="night-train",
        starts_at=datetime.datetime(2031, 10, 25, 22, 0, tzinfo=TALLINN),
        ends_at=datetime.datetime(2031, 10, 26, 10, 0, tzinfo=TALLINN),
    )
    event = Event.objects.get(slug="night-train")
    assert event.ends_at - event.starts_at == datetime.timedelta(hours=13)

    page = text_of(client.get("/events/night-train/"))
    assert (
        "Saturday 25 October 2031, 22:00 EEST – Sunday 26 October 2031, 10:00 EET "
        "(Europe/Tallinn)" in page
    )

    content = client.get("/events/night-train.ics").content.decode()
    assert "DTSTART;TZID=Europe/Tallinn:20311025T220000" in content
    assert "DTEND;TZID=Europe/Tallinn:20311026T100000" in content
    # The VTIMEZONE carries the change, so a calendar without its own zone data is right too.
    assert "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200" in content
    parsed = vobject.readOne(content).vevent
    assert parsed.dtstart.value.astimezone(datetime.UTC) == datetime.datetime(
        2031, 10, 25, 19, 0, tzinfo=datetime.UTC
    )
    assert parsed.dtend.value.astimezone(datetime.UTC) == datetime.datetime(
        2031, 10, 26, 8, 0, tzinfo=datetime.UTC
    )


def test_the_calendar_zone_alone_gives_the_instant_when_the_reader_has_no_zone_data(
    client, network
):
    """A calendar that does not know "Europe/Tallinn" reads the VTIMEZONE we send."""
    EventFactory(
        slug="spring",
        starts_at=datetime.datetime(2031, 3, 30, 5, 0, tzinfo=TALLINN),  # after 04:00 → EEST
        ends_at=datetime.datetime(2031, 3, 30, 6, 0, tzinfo=TALLINN),
    )
    content = client.get("/events/spring.ics").content.decode()
    renamed = content.replace("Europe/Tallinn", "Custom/Narva-Clock")
    parsed = vobject.readOne(renamed).vevent
    assert parsed.dtstart.value.astimezone(datetime.UTC) == datetime.datetime(
        2031, 3, 30, 2, 0, tzinfo=datetime.UTC
    )


def test_each_city_of_a_twin_has_its_own_clock(client, network):
    haparanda = City.objects.get(slug="haparanda")
    EventFactory(
        slug="haparanda-nine",
        host_city=haparanda,
        starts_at=datetime.datetime(2031, 1, 15, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")),
        ends_at=datetime.datetime(2031, 1, 15, 11, 0, tzinfo=ZoneInfo("Europe/Stockholm")),
    )
    page = text_of(client.get("/events/haparanda-nine/"))
    assert "09:00–11:00 CET (Europe/Stockholm)" in page


def test_a_host_city_without_a_time_zone_falls_back_to_the_sites(network, settings):
    City.objects.filter(slug="narva").update(time_zone="")
    event = EventFactory(slug="no-zone")
    event.host_city.refresh_from_db()
    assert city_zone(event.host_city) is None
    assert event.zone.key == settings.TIME_ZONE
    assert city_zone(City.objects.get(slug="tornio")).key == "Europe/Helsinki"
