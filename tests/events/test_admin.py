"""The secretary's admin: events typed on the host city's clock, announce and cancel with a
preview, changes that tell those registered, history, documents, registrations and exports."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from citytwins.models import Kind, Notification, NotificationPreference
from events.models import Event, EventDocument, Registration
from events.services.registrations import registration_create
from events.services.samples import minutes_pdf
from members.models import City, CityTwin
from tests.factories import EventFactory, UserFactory, events_create

pytestmark = pytest.mark.django_db

ADMIN = "/admin/events/event"
INLINES = ("documents", "decisions", "action_items")


def event_post(event: Event | None = None, **changes) -> dict:
    """The change form as the secretary would send it, times on the host city's clock."""
    data = {}
    if event is not None:
        zone = event.zone
        start = timezone.localtime(event.starts_at, zone)
        end = timezone.localtime(event.ends_at, zone)
        data = {
            "title": event.title,
            "slug": event.slug,
            "kind": event.kind,
            "summary": event.summary,
            "host_twin": str(event.host_twin_id),
            "host_city": str(event.host_city_id),
            "venue": event.venue,
            "online_url": event.online_url,
            "starts_at_0": start.date().isoformat(),
            "starts_at_1": start.strftime("%H:%M"),
            "ends_at_0": end.date().isoformat(),
            "ends_at_1": end.strftime("%H:%M"),
            "description": event.description,
            "agenda": event.agenda,
            "audience": event.audience,
            "capacity": "" if event.capacity is None else str(event.capacity),
        }
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | changes


def test_the_secretary_types_times_on_the_host_citys_clock(secretary_client, network):
    haparanda = City.objects.get(slug="haparanda")
    data = event_post(
        title="Study visit to the language school",
        slug="language-school",
        kind="study_visit",
        host_twin=str(haparanda.twin_id),
        host_city=str(haparanda.pk),
        audience="public",
        starts_at_0="2031-01-15",
        starts_at_1="10:00",
        ends_at_0="2031-01-15",
        ends_at_1="12:30",
    )
    response = secretary_client.post(f"{ADMIN}/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="language-school")
    # 10:00 in Haparanda (CET) is 09:00 UTC, not 10:00 in Helsinki, the site's own zone.
    assert event.starts_at == datetime.datetime(2031, 1, 15, 9, 0, tzinfo=datetime.UTC)
    assert event.published_at is None and event.sequence == 0
    page = secretary_client.get(f"{ADMIN}/{event.pk}/change/").content.decode()
    assert 'name="starts_at_1" value="10:00:00"' in page
    assert "On the host city's clock (its time zone: Europe/Stockholm)." in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"host_city": "tornio"}, "host_city", "is not a city of Narva – Ivangorod"),
        (
            {"starts_at_0": "2031-10-26", "starts_at_1": "03:30"},
            "starts_at",
            "happens twice or not at all in Europe/Tallinn",
        ),
        ({"ends_at_0": "2020-01-01"}, "ends_at", "ends before it starts"),
    ],
)
def test_the_form_names_what_is_wrong(secretary_client, meeting, changes, field, message):
    if "host_city" in changes:
        changes["host_city"] = str(City.objects.get(slug=changes["host_city"]).pk)
    response = secretary_client.post(
        f"{ADMIN}/{meeting.pk}/change/", event_post(meeting, **changes)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])


def test_a_host_city_without_a_time_zone_is_named(secretary_client, meeting):
    City.objects.filter(slug="narva").update(time_zone="")
    response = secretary_client.post(f"{ADMIN}/{meeting.pk}/change/", event_post(meeting))
    assert "Narva has no time zone yet" in str(response.context["adminform"].form.errors)


@pytest.fixture
def audience(network):
    """Two members, one who turned meeting announcements off, one prospective city's staff."""
    tornio = UserFactory(email="liisa@tornio.fi", city=City.objects.get(slug="tornio"))
    slubice = UserFactory(email="anna@slubice.pl", city=City.objects.get(slug="slubice"))
    quiet = UserFactory(email="quiet@narva.ee", city=City.objects.get(slug="narva"))
    NotificationPreference.objects.create(user=quiet, meeting_announcement=False)
    UserFactory(email="jana@cesky-tesin.cz", city=City.objects.get(slug="cesky-tesin"))
    return [tornio, slubice]


def test_announce_previews_then_publishes_and_mails_each_member_once(
    secretary_client, network, audience, django_capture_on_commit_callbacks, mailoutbox
):
    draft = EventFactory(slug="to-announce", title="Seminar on labour mobility", published_at=None)
    response = secretary_client.post(
        f"{ADMIN}/", {"action": "announce", "_selected_action": [draft.pk]}
    )
    assert response["Location"] == f"{ADMIN}/{draft.pk}/announce/"

    preview = secretary_client.get(f"{ADMIN}/{draft.pk}/announce/")
    page = preview.content.decode()
    assert "2 recipients" in page
    assert "liisa@tornio.fi" in page and "anna@slubice.pl" in page
    assert "quiet@narva.ee" not in page and "jana@cesky-tesin.cz" not in page
    assert "[City Twins] New meeting: Seminar on labour mobility" in page
    assert "(Europe/Tallinn)" in page
    assert "Publish and send to 2 people" in page
    draft.refresh_from_db()
    assert draft.published_at is None and not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        secretary_client.post(f"{ADMIN}/{draft.pk}/announce/")
        secretary_client.post(f"{ADMIN}/{draft.pk}/announce/")  # a second click
    draft.refresh_from_db()
    assert draft.published_at is not None and draft.announced_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@slubice.pl", "liisa@tornio.fi"]
    # Each in their city's language, with the meeting's page in it.
    links = {m.to[0]: m.body for m in mailoutbox}
    assert "http://127.0.0.1:8000/pl/events/to-announce/" in links["anna@slubice.pl"]
    assert "http://127.0.0.1:8000/fi/events/to-announce/" in links["liisa@tornio.fi"]
    assert Notification.objects.filter(kind=Kind.MEETING_ANNOUNCEMENT).count() == 2


def test_a_cancelled_or_past_event_is_not_announced(secretary_client, network, secretary):
    past = EventFactory(slug="past", starts_at=timezone.now() - datetime.timedelta(days=2))
    page = secretary_client.get(f"{ADMIN}/{past.pk}/announce/").content.decode()
    assert "This event is over" in page and "Publish and send" not in page
    response = secretary_client.post(f"{ADMIN}/{past.pk}/announce/", follow=True)
    assert "This event is over" in response.content.decode()
    assert not Notification.objects.exists()


def test_cancelling_asks_for_a_reason_and_tells_everyone_registered(
    secretary_client,
    meeting,
    narva_staff,
    tornio_staff,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    registration_create(event=meeting, person=narva_staff)
    registration_create(event=meeting, person=tornio_staff)
    Notification.objects.all().delete()
    page = secretary_client.get(f"{ADMIN}/{meeting.pk}/cancel/").content.decode()
    assert "2 people registered are told" in page and "olga@narva.ee" in page
    response = secretary_client.post(f"{ADMIN}/{meeting.pk}/cancel/", {"reason": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_cancelled

    with django_capture_on_commit_callbacks(execute=True):
        secretary_client.post(f"{ADMIN}/{meeting.pk}/cancel/", {"reason": "The hall flooded."})
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancellation_reason == "The hall flooded."
    assert sorted(m.to[0] for m in mailoutbox) == ["liisa@tornio.fi", "olga@narva.ee"]
    assert "The hall flooded." in mailoutbox[0].body
    [(_, calendar, _)] = mailoutbox[0].attachments
    assert "STATUS:CANCELLED" in calendar and "SEQUENCE:1" in calendar


def test_a_change_of_time_tells_those_registered_with_the_updated_calendar(
    secretary_client, meeting, narva_staff, django_capture_on_commit_callbacks, mailoutbox
):
    registration_create(event=meeting, person=narva_staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = secretary_client.post(
            f"{ADMIN}/{meeting.pk}/change/", event_post(meeting, starts_at_1="11:00")
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    [message] = mailoutbox
    assert message.to == ["olga@narva.ee"] and "Changed:" in message.subject
    assert (
        "11:00–16:00" in message.body and "was: " in message.body and "10:00–16:00" in message.body
    )
    [(_, calendar, _)] = message.attachments
    entry = Calendar.from_ical(calendar).walk("VEVENT")[0]
    assert entry["sequence"] == 1
    assert entry.decoded("dtstart").astimezone(ZoneInfo("Europe/Tallinn")).hour == 11

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        secretary_client.post(f"{ADMIN}/{meeting.pk}/change/", event_post(meeting, capacity="50"))
    assert mailoutbox == []


def test_history_keeps_each_change_and_a_revert_goes_through_the_same_rules(
    secretary_client, meeting, secretary
):
    secretary_client.post(f"{ADMIN}/{meeting.pk}/change/", event_post(meeting, title="Renamed"))
    meeting.refresh_from_db()
    assert meeting.title == "Renamed" and meeting.sequence == 1
    first = meeting.history.order_by("history_date").first()
    assert meeting.history.first().history_user == secretary
    page = secretary_client.get(f"{ADMIN}/{meeting.pk}/history/{first.history_id}/")
    assert page.status_code == 200
    response = secretary_client.post(
        f"{ADMIN}/{meeting.pk}/history/{first.history_id}/",
        event_post(Event.objects.get(pk=meeting.pk), title=first.title),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Joint meeting on border crossing"
    assert meeting.sequence == 2  # calendars take the reverted title as a change too


def test_a_document_is_uploaded_through_the_event_and_checked_by_content(secretary_client, meeting):
    def post(upload):
        return secretary_client.post(
            f"{ADMIN}/{meeting.pk}/change/",
            event_post(
                meeting,
                **{
                    "documents-TOTAL_FORMS": "1",
                    "documents-0-title": "Minutes",
                    "documents-0-kind": "minutes",
                    "documents-0-position": "0",
                    "documents-0-upload": upload,
                },
            ),
        )

    refused = post(SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>"))
    assert refused.status_code == 200
    assert "Upload a PDF" in refused.content.decode()
    assert not EventDocument.objects.exists()

    accepted = post(SimpleUploadedFile("scan.exe", minutes_pdf(["Minutes"])))
    assert accepted.status_code == 302
    document = EventDocument.objects.get()
    assert document.extension == "pdf" and document.content_type == "application/pdf"
    assert document.file.name.startswith("events/") and "scan" not in document.file.name
    page = secretary_client.get(f"{ADMIN}/{meeting.pk}/change/").content.decode()
    assert f"/events/border-crossing-narva/documents/{document.key}/" in page


def test_registrations_export_as_csv_and_xlsx_and_stay_text(secretary_client, meeting, network):
    hostile = UserFactory(
        email="hostile@narva.ee",
        name='=HYPERLINK("https://evil.example","click")',
        city=City.objects.get(slug="narva"),
    )
    registration_create(event=meeting, person=hostile)
    ids = list(Registration.objects.values_list("pk", flat=True))
    response = secretary_client.post(
        "/admin/events/registration/", {"action": "export_csv", "_selected_action": ids}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Event", "Starts (host city's time)", "Name", "Email"]
    assert rows[1][2] == '\'=HYPERLINK("https://evil.example","click")'
    assert rows[1][3] == "hostile@narva.ee" and rows[1][5] == "Confirmed"

    response = secretary_client.post(
        "/admin/events/registration/", {"action": "export_xlsx", "_selected_action": ids}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["C2"]
    # A string cell shown as text (quote prefix), never a formula; the name itself unchanged.
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == '=HYPERLINK("https://evil.example","click")'
    assert sheet["A1"].value == "Event" and sheet["D2"].value == "hostile@narva.ee"


def test_the_secretary_cancels_a_registration_and_the_wait_list_moves_up(
    secretary_client, network, narva_staff, tornio_staff
):
    event = EventFactory(slug="one-place", capacity=1)
    first = registration_create(event=event, person=narva_staff)
    registration_create(event=event, person=tornio_staff)
    secretary_client.post(
        "/admin/events/registration/", {"action": "cancel", "_selected_action": [first.pk]}
    )
    assert dict(Registration.objects.values_list("person__email", "status")) == {
        "olga@narva.ee": "cancelled",
        "liisa@tornio.fi": "confirmed",
    }


def test_the_changelists_answer_with_many_events_and_any_filter(secretary_client, network):
    events_create(300)
    twin = CityTwin.objects.get(slug="narva-ivangorod")
    for query in [
        "",
        "?state=draft",
        "?state=cancelled",
        f"?host_twin__id__exact={twin.pk}",
        "?q=Bulk",
        "?state=%00",
        "?kind=party",
    ]:
        response = secretary_client.get(f"{ADMIN}/{query}")
        assert response.status_code in (200, 302, 400), query
    assert secretary_client.get("/admin/events/registration/?status=bogus").status_code in (
        200,
        302,
    )
