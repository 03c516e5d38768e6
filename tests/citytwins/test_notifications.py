"""The outbox in-process: what notification_send writes, who receives it, the beat jobs, the admin.

Delivery runs eagerly here (no worker); tests/citytwins/test_delivery.py runs the real worker.
"""

import datetime

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.utils import timezone

from citytwins.models import NotificationPreference
from citytwins.notifications import (
    Kind,
    Notification,
    Status,
    notification_send,
    opt_out_kinds_for,
)
from citytwins.tasks import notifications_deliver, notifications_sweep
from members.models import User
from members.roles import SECRETARIAT_GROUP
from tests.conftest import Inbox, free_port
from tests.factories import CityFactory, CityTwinFactory, SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db


def notice(key: str, recipients, kind=Kind.ANNOUNCEMENT, **context):
    return notification_send(
        kind=kind,
        template="notice",
        recipients=recipients,
        context={"subject": "Meeting in Tornio", "body": "See you at the town hall.", **context},
        key=key,
    )


def test_one_row_per_recipient_rendered_when_written(django_capture_on_commit_callbacks):
    staff = UserFactory(email="staff@tornio.fi")
    with django_capture_on_commit_callbacks() as callbacks:
        rows = notice("meeting:1", [staff, "guest@haparanda.se"])
    assert len(callbacks) == 1  # one delivery task for the batch, after commit
    assert [row.address for row in rows] == ["staff@tornio.fi", "guest@haparanda.se"]
    first = Notification.objects.get(address="staff@tornio.fi")
    assert first.recipient == staff
    assert first.key == "meeting:1:staff@tornio.fi"
    assert first.status == Status.PENDING
    assert first.subject == "Meeting in Tornio"
    assert "See you at the town hall." in first.text
    assert "City Twins Association" in first.html
    assert first.headers["Message-ID"].startswith("<")
    assert Notification.objects.get(address="guest@haparanda.se").recipient is None


def test_the_same_key_twice_is_one_row_and_one_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    staff = UserFactory(email="staff@valga.ee")
    with django_capture_on_commit_callbacks(execute=True):
        first = notice("digest:2026-11", [staff])
        again = notice("digest:2026-11", [staff, staff])
    assert len(first) == 1
    assert again == []
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1
    assert Notification.objects.get().status == Status.SENT


def test_a_person_who_turned_a_kind_off_gets_none_of_it_but_gets_the_rest():
    quiet = UserFactory(email="quiet@narva.ee")
    NotificationPreference.objects.create(user=quiet, announcement=False)
    other = UserFactory(email="other@narva.ee")
    assert [row.address for row in notice("a:1", [quiet, other])] == ["other@narva.ee"]
    assert [row.address for row in notice("d:1", [quiet], kind=Kind.DIGEST)] == ["quiet@narva.ee"]
    assert notice("c:1", [quiet], kind=Kind.CONTACT)[0].address == "quiet@narva.ee"


def test_member_mail_carries_one_click_unsubscribe_headers_and_link():
    staff = UserFactory(email="staff@imatra.fi")
    row = notice("a:2", [staff])[0]
    url = row.headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://127.0.0.1:8000/unsubscribe/")
    assert row.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in row.text and url in row.html
    message = row.email_message().message()
    assert message["List-Unsubscribe"] == f"<{url}>"


def test_always_sent_kinds_and_plain_addresses_carry_no_unsubscribe():
    staff = UserFactory(email="staff@cieszyn.pl")
    contact = notice("c:2", [staff], kind=Kind.CONTACT)[0]
    plain = notice("a:3", ["someone@example.org"])[0]
    for row in (contact, plain):
        assert "List-Unsubscribe" not in row.headers
        assert "unsubscribe" not in row.text.lower()


def test_reply_to_is_kept_on_the_row():
    row = notification_send(
        kind=Kind.CONTACT,
        template="notice",
        recipients=["secretary@imatra.fi"],
        context={"subject": "Question", "body": "Hello"},
        key="contact:1",
        reply_to="asker@example.org",
    )[0]
    assert row.email_message().message()["Reply-To"] == "asker@example.org"


def test_a_text_attachment_travels_with_the_row_to_every_recipient(
    mailoutbox, django_capture_on_commit_callbacks
):
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        rows = notification_send(
            kind=Kind.REGISTRATION,
            template="notice",
            recipients=["a@narva.ee", "b@narva.ee"],
            context={"subject": "You are registered", "body": "See you in Narva."},
            key="registration:1",
            attachments=[
                {"filename": "meeting.ics", "content": calendar, "mimetype": "text/calendar"}
            ],
        )
    assert [row.attachments[0]["filename"] for row in rows] == ["meeting.ics", "meeting.ics"]
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        [(filename, content, mimetype)] = message.attachments
        assert (filename, content, mimetype) == ("meeting.ics", calendar, "text/calendar")
    part = next(mailoutbox[0].message().iter_attachments())
    assert part.get_content_type() == "text/calendar"
    assert part.get_filename() == "meeting.ics"


def test_meeting_kinds_are_offered_and_registration_notices_to_the_secretary_only():
    staff = UserFactory(email="staff@valga.ee")
    secretary = SecretaryFactory(email="secretary@imatra.fi")
    staff_kinds = opt_out_kinds_for(staff)
    assert Kind.MEETING_ANNOUNCEMENT in staff_kinds
    assert Kind.MEETING_CHANGE in staff_kinds
    assert Kind.ACTION_REMINDER in staff_kinds
    assert Kind.REGISTRATION_NOTICE not in staff_kinds
    assert Kind.REGISTRATION not in staff_kinds  # a reply to what the person did: always sent
    assert Kind.REGISTRATION_NOTICE in opt_out_kinds_for(secretary)
    NotificationPreference.objects.create(user=staff, meeting_change=False)
    assert notice("m:1", [staff], kind=Kind.MEETING_CHANGE) == []
    assert len(notice("r:1", [staff], kind=Kind.REGISTRATION)) == 1


def test_secretariat_and_member_recipients():
    secretary = SecretaryFactory(email="secretary@imatra.fi")
    SecretaryFactory(email="former-secretary@imatra.fi", is_active=False)
    tornio_haparanda = CityTwinFactory()
    tornio = CityFactory(twin=tornio_haparanda, status="member")
    slubice = CityFactory(status="partner")
    tesin = CityFactory(status="prospective")
    in_tornio = UserFactory(email="staff@tornio.fi", city=tornio)
    in_slubice = UserFactory(email="staff@slubice.pl", city=slubice)
    UserFactory(email="staff@cesky-tesin.cz", city=tesin)
    UserFactory(email="gone@tornio.fi", city=tornio, is_active=False)
    UserFactory(email="nobody@example.org")

    assert list(User.objects.secretariat()) == [secretary]
    assert set(User.objects.members()) == {in_tornio, in_slubice}
    assert list(User.objects.members().staff_of(tornio_haparanda)) == [in_tornio]


def test_delivery_counts_by_key_prefix(django_capture_on_commit_callbacks):
    notice("announcement:7", ["a@example.org", "b@example.org", "c@example.org"])
    notice("announcement:70", ["d@example.org"])
    Notification.objects.filter(address="a@example.org").update(status=Status.SENT)
    Notification.objects.filter(address="b@example.org").update(status=Status.FAILED)
    counts = Notification.objects.delivery_counts("announcement:7:")
    assert counts["sent"] == 1 and counts["failed"] == 1 and counts["pending"] == 1
    assert counts["sending"] == 0 and counts["cancelled"] == 0


def test_a_sent_or_cancelled_row_is_never_sent_again(mailoutbox):
    rows = notice("a:4", ["one@example.org", "two@example.org"])
    Notification.objects.filter(pk=rows[1].pk).update(status=Status.CANCELLED)
    notifications_deliver.delay([row.pk for row in rows])
    notifications_deliver.delay([row.pk for row in rows])
    assert [message.to for message in mailoutbox] == [["one@example.org"]]


def test_the_sweeper_sends_pending_rows_whose_next_attempt_has_come(mailoutbox):
    old, fresh = notice("a:5", ["old@example.org", "fresh@example.org"])
    # A new row waits a little for the task published after commit.
    assert fresh.next_attempt_at > timezone.now() + datetime.timedelta(seconds=30)
    Notification.objects.filter(pk=old.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert notifications_sweep() == {"released": 0, "published": 1}
    assert [message.to for message in mailoutbox] == [["old@example.org"]]
    assert Notification.objects.get(pk=fresh.pk).status == Status.PENDING


def test_the_sweeper_takes_back_rows_whose_lease_ran_out(mailoutbox):
    stuck, busy, legacy = notice("a:6", ["stuck@example.org", "busy@example.org", "x@example.org"])
    now = timezone.now()
    Notification.objects.filter(pk__in=[stuck.pk, busy.pk, legacy.pk]).update(
        status=Status.SENDING, claimed_by="a-dead-task"
    )
    Notification.objects.filter(pk=stuck.pk).update(lease_until=now - datetime.timedelta(seconds=1))
    Notification.objects.filter(pk=busy.pk).update(lease_until=now + datetime.timedelta(seconds=60))
    # Claimed before leases existed: it counts from its last change.
    Notification.objects.filter(pk=legacy.pk).update(
        lease_until=None, updated_at=now - datetime.timedelta(hours=1)
    )
    assert notifications_sweep() == {"released": 2, "published": 2}
    assert sorted(message.to[0] for message in mailoutbox) == [
        "stuck@example.org",
        "x@example.org",
    ]
    assert Notification.objects.get(pk=busy.pk).status == Status.SENDING


def test_a_retry_waits_in_the_database_not_in_the_broker(settings, closed_port, mailoutbox):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        }
    }
    (row,) = notice("a:11", ["later@example.org"])
    assert notifications_deliver.delay([row.pk]).get() == {"sent": 0, "failed": 0, "retry": 1}
    row.refresh_from_db()
    assert row.status == Status.PENDING and row.lease_until is None
    # Not yet due: the sweeper leaves it.
    assert notifications_sweep()["published"] == 0
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert notifications_sweep()["published"] == 1
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2
    assert [message.to for message in mailoutbox] == [["later@example.org"]]


class RefusingInbox(Inbox):
    """Refuses recipients at nobody@ for good, as a server does for an unknown mailbox."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_smtp(settings):
    controller = Controller(RefusingInbox(), hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    yield controller.handler
    controller.stop()


def test_a_permanent_refusal_fails_at_once_and_the_rest_of_the_batch_goes(refusing_smtp):
    rows = notice("a:7", ["nobody@example.org", "somebody@example.org"])
    result = notifications_deliver.delay([row.pk for row in rows]).get()
    assert result == {"sent": 1, "failed": 1, "retry": 0}
    refused = Notification.objects.get(address="nobody@example.org")
    assert refused.status == Status.FAILED
    assert "550" in refused.last_error
    assert refused.attempts == 1
    assert len(refusing_smtp.messages) == 1


def test_an_unreachable_server_leaves_the_rows_pending_with_the_error(settings, closed_port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        }
    }
    rows = notice("a:8", ["one@example.org", "two@example.org"])
    result = notifications_deliver.delay([row.pk for row in rows]).get()
    assert result == {"sent": 0, "failed": 0, "retry": 2}
    for row in Notification.objects.all():
        assert row.status == Status.PENDING
        assert row.attempts == 1
        assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
        assert row.next_attempt_at > timezone.now()


@pytest.fixture
def secretary_client(client):
    secretary = SecretaryFactory(email="secretary@imatra.fi")
    client.force_login(secretary)
    return client


def test_the_admin_shows_the_error_and_retries_and_cancels(
    secretary_client, mailoutbox, django_capture_on_commit_callbacks
):
    failed, pending = notice("a:9", ["failed@example.org", "pending@example.org"])
    Notification.objects.filter(pk=failed.pk).update(
        status=Status.FAILED, attempts=6, last_error="SMTPDataError: (451, b'Mailbox busy')"
    )
    response = secretary_client.get("/admin/citytwins/notification/?status__exact=failed")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mailbox busy" in html and "failed@example.org" in html
    assert "pending@example.org" not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary_client.post(
            "/admin/citytwins/notification/",
            {"action": "retry", "_selected_action": [failed.pk, pending.pk]},
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Status.SENT and failed.attempts == 1 and failed.last_error == ""
    assert [message.to for message in mailoutbox] == [["failed@example.org"]]

    secretary_client.post(
        "/admin/citytwins/notification/",
        {"action": "cancel", "_selected_action": [failed.pk, pending.pk]},
    )
    assert Notification.objects.get(pk=pending.pk).status == Status.CANCELLED
    assert Notification.objects.get(pk=failed.pk).status == Status.SENT


def test_the_secretary_sees_a_rows_bodies_read_only(secretary_client):
    row = notice("a:10", ["someone@example.org"])[0]
    response = secretary_client.get(f"/admin/citytwins/notification/{row.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "See you at the town hall." in html
    assert 'name="subject"' not in html


def test_city_staff_cannot_open_the_outbox(client):
    client.force_login(UserFactory(email="staff@tornio.fi", is_staff=True))
    assert client.get("/admin/citytwins/notification/").status_code == 403


def test_the_secretariat_group_may_manage_the_outbox():
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_notification", "change_notification"} <= codenames
