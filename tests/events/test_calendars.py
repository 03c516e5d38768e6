"""Calendar files and feeds parse with two independent parsers, keep their UIDs, raise SEQUENCE
on each change a calendar shows, and carry cancellations."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil import tz
from icalendar import Calendar

from events.forms import clock_is_ambiguous
from events.models import Event
from events.services.events import event_cancel, event_save
from events.zones import zone_component
from members import record
from members.models import City, CityTwin, Sector
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def both_parsers(content: bytes) -> tuple[list, list]:
    """The VEVENTs as icalendar and as vobject (a separate implementation) read them."""
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    by_icalendar = Calendar.from_ical(content).walk("VEVENT")
    by_vobject = list(vobject.readOne(content.decode()).vevent_list)
    assert len(by_icalendar) == len(by_vobject)
    return by_icalendar, by_vobject


def test_an_events_file_parses_in_both_parsers_with_its_details(client, meeting):
    response = client.get("/events/border-crossing-narva.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="border-crossing-narva.ics"'
    [entry], [parsed] = both_parsers(response.content)
    assert str(entry["uid"]) == f"{meeting.uid}@127.0.0.1"
    assert parsed.uid.value == f"{meeting.uid}@127.0.0.1"
    assert str(entry["summary"]) == parsed.summary.value == "Joint meeting on border crossing"
    assert str(entry["status"]) == "CONFIRMED"
    assert entry["sequence"] == 0
    assert str(entry["url"]) == "http://127.0.0.1:8000/events/border-crossing-narva/"
    assert "Peetri plats 5, Narva" in str(entry["location"])
    assert entry.decoded("dtstart") == meeting.starts_at
    assert parsed.dtend.value == meeting.ends_at
    calendar = Calendar.from_ical(response.content)
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/Tallinn"]


def test_links_in_calendars_come_from_site_url_not_the_request(client, meeting, settings):
    settings.SITE_URL = "https://portal.citytwins.net"
    content = client.get("/events/border-crossing-narva.ics", HTTP_HOST="localhost").content
    [entry], _ = both_parsers(content)
    assert str(entry["url"]) == "https://portal.citytwins.net/events/border-crossing-narva/"
    assert str(entry["uid"]).endswith("@portal.citytwins.net")


def test_a_change_raises_the_sequence_and_keeps_the_uid(client, meeting, secretary):
    def read():
        [entry], [parsed] = both_parsers(client.get("/events/border-crossing-narva.ics").content)
        assert int(parsed.sequence.value) == entry["sequence"]
        return str(entry["uid"]), entry["sequence"]

    uid, first = read()
    meeting.starts_at += datetime.timedelta(hours=1)
    meeting.ends_at += datetime.timedelta(hours=1)
    event_save(event=meeting, by=secretary)
    assert read() == (uid, first + 1)

    meeting.venue = "Narva College, Raekoja plats 2"
    event_save(event=meeting, by=secretary)
    assert read() == (uid, first + 2)

    # What a calendar does not show (the number of places) leaves the sequence as it was.
    meeting.capacity = 40
    event_save(event=meeting, by=secretary)
    assert read() == (uid, first + 2)


def test_a_cancelled_event_is_status_cancelled_with_a_higher_sequence(client, meeting, secretary):
    event_cancel(event=meeting, reason="The border is closed that week.", by=secretary)
    [entry], [parsed] = both_parsers(client.get("/events/border-crossing-narva.ics").content)
    assert str(entry["status"]) == parsed.status.value == "CANCELLED"
    assert entry["sequence"] == 1
    assert "The border is closed that week." in str(entry["description"])
    # The feed keeps it, so subscribed calendars drop it rather than keep a stale copy.
    feed = Calendar.from_ical(client.get("/events/feed.ics").content)
    assert [str(e["status"]) for e in feed.walk("VEVENT")] == ["CANCELLED"]


def test_the_feed_has_every_public_event_once_with_one_zone_each(client, network):
    EventFactory(slug="in-narva")
    EventFactory(slug="in-haparanda", host_city=City.objects.get(slug="haparanda"))
    EventFactory(slug="in-tornio", host_city=City.objects.get(slug="tornio"))
    EventFactory(slug="for-members", audience="members")
    EventFactory(slug="a-draft", published_at=None)
    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    by_icalendar, _ = both_parsers(response.content)
    uids = {str(entry["uid"]).split("@")[0] for entry in by_icalendar}
    assert uids == {
        str(uid)
        for uid in Event.objects.filter(
            slug__in=["in-narva", "in-haparanda", "in-tornio"]
        ).values_list("uid", flat=True)
    }
    calendar = Calendar.from_ical(response.content)
    assert sorted(zone.tz_name for zone in calendar.timezones) == [
        "Europe/Helsinki",
        "Europe/Stockholm",
        "Europe/Tallinn",
    ]
    assert calendar.get_missing_tzids() == set()
    assert str(calendar["x-wr-calname"]) == "City Twins Association: meetings and events"


def test_feeds_per_twin_and_per_sector(client, network):
    border = Sector.objects.get(slug="border-crossing")
    culture = Sector.objects.get(slug="culture")
    EventFactory(slug="narva-border", sectors=[border])
    EventFactory(
        slug="tornio-culture", host_city=City.objects.get(slug="tornio"), sectors=[culture]
    )
    EventFactory(slug="tornio-border", host_city=City.objects.get(slug="tornio"), sectors=[border])

    def slugs(query):
        response = client.get(f"/events/feed.ics?{query}")
        assert response.status_code == 200
        by_icalendar, _ = both_parsers(response.content)
        return sorted(str(entry["url"]).rstrip("/").rsplit("/", 1)[1] for entry in by_icalendar)

    assert slugs("twin=tornio-haparanda") == ["tornio-border", "tornio-culture"]
    assert slugs("sector=border-crossing") == ["narva-border", "tornio-border"]
    assert slugs("twin=tornio-haparanda&sector=border-crossing") == ["tornio-border"]
    name = Calendar.from_ical(client.get("/events/feed.ics?twin=narva-ivangorod").content)
    assert "Narva – Ivangorod" in str(name["x-wr-calname"])


@pytest.mark.parametrize("query", ["twin=atlantis", "sector=nothing", "twin=%00%ff"])
def test_a_feed_for_an_unknown_twin_or_sector_is_404(client, network, query):
    assert client.get(f"/events/feed.ics?{query}").status_code == 404


def test_a_members_only_events_file_is_for_members(client, members_meeting, tornio_staff, outsider):
    assert client.get("/events/board-meeting.ics").status_code == 404
    client.force_login(outsider)
    assert client.get("/events/board-meeting.ics").status_code == 404
    client.force_login(tornio_staff)
    response = client.get("/events/board-meeting.ics")
    assert response.status_code == 200
    [entry], _ = both_parsers(response.content)
    assert str(entry["class"]) == "PRIVATE"


def test_the_twins_of_the_record_all_have_a_feed(client, network):
    for twin in CityTwin.objects.all():
        assert client.get(f"/events/feed.ics?twin={twin.slug}").status_code == 200


@pytest.mark.parametrize("tzid", sorted(set(record.TIME_ZONES.values())))
def test_each_zone_of_the_record_reads_right_in_two_independent_readers(tzid):
    """The VTIMEZONE we send, read by vobject and by dateutil without their own zone data,
    gives the IANA offset every few hours from 2000 to 2059, Moscow's changes of 2011 and 2014
    included."""
    text = zone_component(tzid).to_ical().decode().replace(tzid, f"Ours/{tzid}")
    wrapped = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{text}END:VCALENDAR\r\n"
    readers = {
        "vobject": vobject.readOne(wrapped).vtimezone.gettzinfo(),
        "dateutil": tz.tzical(io.StringIO(text)).get(),
    }
    real = ZoneInfo(tzid)
    moment = datetime.datetime(2000, 1, 2)
    wrong = []
    while moment < datetime.datetime(2059, 12, 1):
        moment += datetime.timedelta(hours=11)
        if clock_is_ambiguous(moment, real):
            continue  # the hour the clocks skip or repeat has no one right answer
        expected = moment.replace(tzinfo=real).utcoffset()
        wrong += [
            (name, moment)
            for name, reader in readers.items()
            if moment.replace(tzinfo=reader).utcoffset() != expected
        ]
    assert wrong == []
