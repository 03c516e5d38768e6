"""Reminders: 7 days and 1 day before a meeting, an action item's owner before and after its
due date; each once, however often the beat job runs."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from citytwins.models import Kind, Notification, NotificationPreference
from events.models import ActionItem, Registration
from events.services.actions import action_item_complete
from events.services.events import event_cancel
from events.services.reminders import action_items_remind, meetings_remind
from events.tasks import events_remind
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2031, 5, 1, 8, 0, tzinfo=datetime.UTC)


def confirmed(event, person, *, at=NOW - datetime.timedelta(days=30)):
    return Registration.objects.create(
        event=event, person=person, status="confirmed", registered_at=at, confirmed_at=at
    )


@pytest.fixture
def soon(network, narva_staff, tornio_staff):
    """A meeting 5 days after NOW with two people confirmed long ago."""
    starts = NOW + datetime.timedelta(days=5)
    event = EventFactory(
        slug="soon", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    confirmed(event, narva_staff)
    confirmed(event, tornio_staff)
    return event


def reminders() -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(kind=Kind.MEETING_REMINDER).values_list("address", "key")
    )


def test_the_week_reminder_goes_once_to_each_person_confirmed(soon, narva_staff, tornio_staff):
    assert meetings_remind(now=NOW) == 2
    assert meetings_remind(now=NOW) == 0
    assert meetings_remind(now=NOW + datetime.timedelta(hours=1)) == 0
    sent = reminders()
    assert sorted(address for address, _ in sent) == sorted([narva_staff.email, tornio_staff.email])
    assert all(":7d:" in key for _, key in sent)
    row = Notification.objects.get(address=narva_staff.email)
    assert row.subject == f"[City Twins] Next week: {soon.title}"
    assert "(Europe/Tallinn)" in row.text
    assert "http://127.0.0.1:8000/events/soon/" in row.text


def test_the_day_reminder_follows_once_and_the_week_one_is_not_repeated(soon):
    meetings_remind(now=NOW)
    day_before = soon.starts_at - datetime.timedelta(hours=20)
    assert meetings_remind(now=day_before) == 2
    assert meetings_remind(now=day_before + datetime.timedelta(minutes=15)) == 0
    keys = [key for _, key in reminders()]
    assert sum(":7d:" in key for key in keys) == 2
    assert sum(":1d:" in key for key in keys) == 2
    day = Notification.objects.filter(key__contains=":1d:")
    # Each in their own language: Olga chose English, Liisa reads her city's Finnish.
    assert day.get(address="olga@narva.ee").subject.startswith("[City Twins] Tomorrow:")
    assert day.get(address="liisa@tornio.fi").subject.startswith("[City Twins] Huomenna:")


def test_the_beat_task_run_twice_sends_each_reminder_once(soon, mailoutbox, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    events_remind.delay()
    events_remind.delay()
    assert Notification.objects.filter(kind=Kind.MEETING_REMINDER).count() == 2
    assert settings.CELERY_BEAT_SCHEDULE["events-remind"]["task"] == "events.tasks.events_remind"


def test_a_cancelled_meeting_sends_no_reminder(soon, secretary):
    event_cancel(event=soon, reason="Postponed", by=secretary)
    assert meetings_remind(now=NOW) == 0
    assert meetings_remind(now=soon.starts_at - datetime.timedelta(hours=2)) == 0
    assert reminders() == []


def test_no_reminder_for_the_wait_list_the_cancelled_or_those_who_turned_them_off(
    soon, narva_staff, tornio_staff, outsider, network
):
    waiting = UserFactory(email="waiting@narva.ee", city=narva_staff.city)
    Registration.objects.create(event=soon, person=waiting, status="waitlisted")
    gone = UserFactory(email="gone@narva.ee", city=narva_staff.city)
    Registration.objects.create(event=soon, person=gone, status="cancelled")
    NotificationPreference.objects.create(user=tornio_staff, meeting_reminder=False)
    meetings_remind(now=NOW)
    assert [address for address, _ in reminders()] == [narva_staff.email]


def test_someone_confirmed_after_the_week_mark_gets_only_the_day_reminder(soon, network):
    late = UserFactory(email="late@narva.ee")
    confirmed(soon, late, at=soon.starts_at - datetime.timedelta(days=3))
    meetings_remind(now=soon.starts_at - datetime.timedelta(days=2))
    assert "late@narva.ee" not in [address for address, _ in reminders()]
    meetings_remind(now=soon.starts_at - datetime.timedelta(hours=12))
    [key] = [key for address, key in reminders() if address == "late@narva.ee"]
    assert ":1d:" in key


def test_a_moved_meeting_is_reminded_again_for_its_new_date(soon, secretary):
    from events.services.events import event_save

    meetings_remind(now=NOW)
    soon.starts_at += datetime.timedelta(days=1)
    soon.ends_at += datetime.timedelta(days=1)
    event_save(event=soon, by=secretary)
    assert meetings_remind(now=NOW + datetime.timedelta(hours=1)) == 2


# Action items

TODAY = datetime.date(2031, 5, 10)


@pytest.fixture
def action(soon, narva_staff):
    return ActionItem.objects.create(
        event=soon, text="Collect the border statistics.", owner=narva_staff, due_on=TODAY
    )


def action_reminders() -> list[str]:
    return list(
        Notification.objects.filter(kind=Kind.ACTION_REMINDER)
        .order_by("pk")
        .values_list("key", flat=True)
    )


def test_an_owner_gets_one_reminder_before_and_one_after_the_due_date(action, narva_staff):
    assert action_items_remind(today=TODAY - datetime.timedelta(days=4)) == 0
    assert action_items_remind(today=TODAY - datetime.timedelta(days=3)) == 1
    assert action_items_remind(today=TODAY - datetime.timedelta(days=2)) == 0
    assert action_items_remind(today=TODAY) == 0
    assert action_items_remind(today=TODAY + datetime.timedelta(days=1)) == 1
    assert action_items_remind(today=TODAY + datetime.timedelta(days=1)) == 0
    assert action_items_remind(today=TODAY + datetime.timedelta(days=30)) == 0
    assert action_reminders() == [
        f"action-reminder:{action.pk}:before:20310510:{narva_staff.email}",
        f"action-reminder:{action.pk}:overdue:20310510:{narva_staff.email}",
    ]
    before, overdue = Notification.objects.filter(kind=Kind.ACTION_REMINDER).order_by("pk")
    assert "due on 10 May" in before.subject and "Collect the border statistics." in before.text
    assert "Overdue since 10 May" in overdue.subject
    assert "http://127.0.0.1:8000/my/" in overdue.text


def test_a_new_due_date_earns_new_reminders(action):
    action_items_remind(today=TODAY - datetime.timedelta(days=1))
    action.due_on = TODAY + datetime.timedelta(days=14)
    action.save()
    assert action_items_remind(today=TODAY + datetime.timedelta(days=11)) == 1
    assert len(action_reminders()) == 2


def test_a_done_item_or_one_without_an_owner_is_not_reminded(action, narva_staff, soon):
    action_item_complete(item=action, by=narva_staff)
    ActionItem.objects.create(event=soon, text="Someone should…", due_on=TODAY)
    assert action_items_remind(today=TODAY - datetime.timedelta(days=1)) == 0
    assert action_items_remind(today=TODAY + datetime.timedelta(days=1)) == 0
    assert action_reminders() == []
