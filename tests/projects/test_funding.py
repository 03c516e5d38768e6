"""Funding calls: listed until their deadline passes; a weekly digest of those closing soon."""

import datetime
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from citytwins.models import Kind, Notification, NotificationPreference
from members.models import City
from projects.services.digest import funding_digest_send
from projects.tasks import funding_digest_weekly
from tests.factories import FundingCallFactory, ProgrammeFactory, UserFactory
from tests.projects.reading import page_text

pytestmark = pytest.mark.django_db

# A Monday morning in Helsinki.
NOW = datetime.datetime(2026, 3, 2, 7, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Helsinki"))


WEEK = datetime.timedelta(days=7)


def at(days: float, zone: str = "Europe/Brussels") -> datetime.datetime:
    return (NOW + datetime.timedelta(days=days)).astimezone(zoneinfo.ZoneInfo(zone))


@pytest.fixture
def calls(network):
    aurora = ProgrammeFactory(slug="interreg-aurora", name="Interreg Aurora")
    return {
        "soon": FundingCallFactory(
            programme=aurora,
            title="Small projects",
            deadline=datetime.datetime(
                2026, 3, 20, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")
            ),
            time_zone="Europe/Stockholm",
            eligible_countries=["FI", "SE", "NO"],
            is_sample=True,
        ),
        "later": FundingCallFactory(programme=aurora, title="Large projects", deadline=at(45)),
        "passed": FundingCallFactory(programme=aurora, title="Closed call", deadline=at(-1)),
    }


def test_open_calls_are_listed_until_their_deadline_in_its_own_time_zone(client, network):
    aurora = ProgrammeFactory(slug="interreg-aurora", name="Interreg Aurora")
    stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
    day = (timezone.now() + datetime.timedelta(days=20)).astimezone(stockholm).date()
    deadline = datetime.datetime(day.year, day.month, day.day, 15, tzinfo=stockholm)
    FundingCallFactory(
        programme=aurora,
        title="Small projects",
        deadline=deadline,
        time_zone="Europe/Stockholm",
        eligible_countries=["FI", "SE", "NO"],
        is_sample=True,
    )
    FundingCallFactory(programme=aurora, title="Large projects", deadline=deadline + WEEK * 6)
    FundingCallFactory(programme=aurora, title="Closed call", deadline=timezone.now() - WEEK)
    response = client.get("/funding/")
    assert response.status_code == 200
    text = page_text(response)
    assert text.index("Small projects") < text.index("Large projects")
    assert "Closed call" not in text
    # 15:00 in Stockholm, shown as the call states it, whatever the site's own zone.
    assert f"{day.day} {day:%B %Y}, 15:00 (Europe/Stockholm)" in text
    utc = deadline.astimezone(datetime.UTC)
    assert f'datetime="{utc:%Y-%m-%dT%H:%M:%S+00:00}"' in response.content.decode()
    assert "Eligible countries Finland, Norway, Sweden" in text
    assert "Sample Interreg Aurora Closes in" in text
    assert "Closes in" not in text.split("Large projects")[1]


def test_a_call_leaves_the_list_when_its_deadline_passes(client, network):
    call = FundingCallFactory(title="Small projects", deadline=timezone.now() + WEEK)
    assert "Small projects" in page_text(client.get("/funding/"))
    call.deadline = timezone.now() - datetime.timedelta(minutes=1)
    call.save()
    assert "Small projects" not in page_text(client.get("/funding/"))


@pytest.fixture
def readers(calls):
    tornio = City.objects.get(slug="tornio")
    cesky = City.objects.get(slug="cesky-tesin")  # a prospective member: not a member yet
    return {
        # Reads English (Tornio's default is Finnish): the digest checked is the English source.
        "member": UserFactory(email="liisa@tornio.fi", city=tornio, language="en"),
        "opted_out": UserFactory(email="matti@tornio.fi", city=tornio),
        "prospective": UserFactory(email="jana@tesin.cz", city=cesky),
        "inactive": UserFactory(email="gone@tornio.fi", city=tornio, is_active=False),
    }


def test_the_digest_lists_calls_closing_within_30_days_to_members_once_a_week(
    readers, secretary, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://citytwins.example.org"
    NotificationPreference.objects.create(user=readers["opted_out"], digest=False)
    with django_capture_on_commit_callbacks(execute=True):
        rows = funding_digest_send(now=NOW)
    assert sorted(row.address for row in rows) == ["liisa@tornio.fi", "secretary@imatra.fi"]
    assert {row.kind for row in rows} == {Kind.DIGEST}
    assert sorted(mail.to[0] for mail in mailoutbox) == ["liisa@tornio.fi", "secretary@imatra.fi"]
    mail = mailoutbox[0]
    assert mail.subject == "[City Twins] 1 funding call closes within 30 days"
    assert "Small projects (Sample)" in mail.body
    assert "closes 20 March 2026, 15:00 (Europe/Stockholm), in 18 days" in mail.body
    assert "Eligible: Finland, Norway, Sweden" in mail.body
    assert "Large projects" not in mail.body and "Closed call" not in mail.body
    assert "https://citytwins.example.org/funding/" in mail.body
    assert "https://citytwins.example.org/unsubscribe/" in mail.body  # digests may be turned off
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The same week again (a second beat, a retry): nothing more.
    assert funding_digest_send(now=NOW + datetime.timedelta(days=3)) == []
    # The next week writes again.
    later = funding_digest_send(now=NOW + datetime.timedelta(days=7))
    assert len(later) == 2
    assert Notification.objects.filter(key__startswith="funding-digest:2026-W10:").count() == 2
    assert Notification.objects.filter(key__startswith="funding-digest:2026-W11:").count() == 2


def test_no_call_closing_soon_no_digest(readers, mailoutbox):
    assert funding_digest_send(now=NOW + datetime.timedelta(days=60)) == []
    assert mailoutbox == []


def test_the_beat_sends_the_digest_weekly_through_the_task(readers, secretary):
    schedule = django_settings.CELERY_BEAT_SCHEDULE["funding-digest"]
    assert schedule["task"] == "projects.tasks.funding_digest_weekly"
    assert schedule["schedule"].day_of_week == {1}  # Monday
    from citytwins.celery import app

    assert "projects.tasks.funding_digest_weekly" in app.tasks
    # The fixture's calls are dated around NOW; one closing this real week makes today's
    # digest: to the two members of Tornio and the secretary, once.
    FundingCallFactory(title="This week", deadline=timezone.now() + datetime.timedelta(days=2))
    assert funding_digest_weekly.delay().get() == 3
    assert funding_digest_weekly.delay().get() == 0
