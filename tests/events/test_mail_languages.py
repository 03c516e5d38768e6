"""Emails in the recipient's language: each person's (or their city's), with links to the pages
in that language, whatever language the page that caused the email was in."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from citytwins.models import Kind, Notification
from citytwins.notifications import notification_send
from events.models import Registration
from events.services.events import event_announce
from events.services.reminders import meetings_remind
from members.models import City
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2031, 5, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def reminded(network, tornio_staff, narva_staff):
    """The week reminder of a meeting in Narva to Liisa (Tornio, Finland, no language chosen)
    and Olga (Narva, who chose Russian), sent while a Polish page was being served."""
    narva_staff.language = "ru"
    narva_staff.save(update_fields=["language"])
    starts = NOW + datetime.timedelta(days=5)
    event = EventFactory(
        slug="soon", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    for person in (tornio_staff, narva_staff):
        at = NOW - datetime.timedelta(days=30)
        Registration.objects.create(
            event=event, person=person, status="confirmed", registered_at=at, confirmed_at=at
        )
    with translation.override("pl"):
        meetings_remind(now=NOW)
    return {row.address: row for row in Notification.objects.filter(kind=Kind.MEETING_REMINDER)}


def test_a_finnish_staff_member_s_reminder_is_written_in_finnish_with_finnish_links(reminded):
    liisa = reminded["liisa@tornio.fi"]
    assert liisa.language == "fi"
    assert f"{settings.SITE_URL}/fi/events/soon/" in liisa.text
    assert f"{settings.SITE_URL}/fi/events/soon.ics" in liisa.text
    assert f"{settings.SITE_URL}/fi/my/notifications/" in liisa.text
    assert f"{settings.SITE_URL}/fi/unsubscribe/" in liisa.headers["List-Unsubscribe"]
    assert "/pl/" not in liisa.text + liisa.html


def test_a_chosen_language_wins_over_the_city_s(reminded):
    olga = reminded["olga@narva.ee"]
    assert olga.language == "ru"
    assert f"{settings.SITE_URL}/ru/events/soon/" in olga.text


def test_a_finnish_staff_member_s_reminder_reads_in_finnish(reminded):
    liisa = reminded["liisa@tornio.fi"]
    assert liisa.language == "fi"
    assert "Muistutus: olet ilmoittautunut tapahtumaan" in liisa.text
    assert "Ensi viikolla:" in liisa.subject
    assert "A reminder: you are registered for" not in liisa.text
    assert "Next week:" not in liisa.subject


def test_a_bare_address_gets_english_and_english_links(network):
    with translation.override("de"):
        [row] = notification_send(
            kind=Kind.CONTACT,
            template="notice",
            recipients=["guest@haparanda.se"],
            context={"subject": "Hello", "body": f"{settings.SITE_URL}/de/twins/tornio-haparanda/"},
            key="bare",
        )
    assert row.language == "en"
    assert f"{settings.SITE_URL}/twins/tornio-haparanda/" in row.text
    assert "/de/" not in row.text


def test_mail_to_more_people_in_more_languages_costs_no_more_queries(network, secretary):
    """Each recipient's language comes with them (their city), not from a query per person."""

    def announce(slug: str) -> int:
        event = EventFactory(slug=slug, published_at=None)
        with CaptureQueriesContext(connection) as queries:
            rows = event_announce(event=event, by=secretary)
        assert {row.language for row in rows} >= {"fi"}
        return len(queries)

    UserFactory(city=City.objects.get(slug="tornio"))
    few = announce("few")
    for slug in ("narva", "slubice", "gorlitz", "valka", "svetogorsk", "haparanda"):
        UserFactory.create_batch(3, city=City.objects.get(slug=slug))
    assert announce("many") == few
