"""Delivery in batches against a real SMTP server (aiosmtpd): one connection carries a batch, the
bytes sent are the ones rendered when the row was written, and one recipient's failure neither
loses nor doubles the others'."""

import email
import email.policy
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from citytwins.notifications import Kind, Notification, Status, notification_send
from citytwins.outbox import BATCH_SIZE, notifications_deliver
from tests.conftest import Inbox, free_port
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingInbox(Inbox):
    """Keeps each message with the connection it came over (the client's port) and the exact
    bytes received; refuses nobody@ for good (550) and answers 451 to busy@'s first DATA."""

    def __init__(self):
        super().__init__()
        self.peers = []
        self.contents = {}
        self.busy_once = True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.rcpt_tos == ["busy@example.org"] and self.busy_once:
            self.busy_once = False
            return "451 4.3.0 Mailbox busy, try again later"
        self.peers.append(session.peer)
        self.contents[envelope.rcpt_tos[0]] = envelope.original_content
        return await super().handle_DATA(server, session, envelope)

    def arrivals(self) -> Counter:
        return Counter(message["To"] for message in self.messages)


@pytest.fixture
def server(settings):
    inbox = CountingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()


def notice(key: str, recipients) -> list[Notification]:
    return notification_send(
        kind=Kind.CONTACT,
        template="notice",
        recipients=recipients,
        context={"subject": f"Notice {key}", "body": "From the secretariat."},
        key=key,
    )


def deliver(rows) -> dict[str, int]:
    return notifications_deliver.apply(args=([row.pk for row in rows],)).get()


def test_a_whole_batch_goes_over_one_smtp_connection_as_rendered_when_written(server):
    addresses = [f"person{n}@example.org" for n in range(BATCH_SIZE)]
    rows = notice("batch:one-connection", addresses)

    assert deliver(rows) == {"sent": BATCH_SIZE, "failed": 0, "retry": 0}

    assert len(set(server.peers)) == 1, "one connection for the whole batch"
    assert server.arrivals() == Counter(addresses)
    assert Notification.objects.filter(status=Status.SENT).count() == BATCH_SIZE
    # The server got, byte for byte, what the row stored when it was written.
    for row in Notification.objects.all():
        assert bytes(row.raw).rstrip(b"\r\n") == server.contents[row.address].rstrip(b"\r\n")
        assert row.headers["Message-ID"].encode() in bytes(row.raw)
    if connection.vendor == "postgresql":
        # Each "sent" skipped waiting for the disk only while the batch ran.
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"


def test_one_recipient_failing_in_a_batch_neither_loses_nor_doubles_the_others(server):
    """In one batch: a mailbox refused for good (550) and a busy one (451). The rest arrive
    once each over the one connection; the refused fails visibly; the busy one is retried and
    arrives once."""
    addresses = [f"person{n}@example.org" for n in range(20)]
    addresses.insert(5, "nobody@example.org")
    addresses.insert(12, "busy@example.org")
    rows = notice("batch:failures", addresses)

    assert deliver(rows) == {"sent": 20, "failed": 1, "retry": 1}
    assert len(set(server.peers)) == 1
    refused = Notification.objects.get(address="nobody@example.org")
    assert refused.status == Status.FAILED and "550" in refused.last_error
    busy = Notification.objects.get(address="busy@example.org")
    assert busy.status == Status.PENDING and "451" in busy.last_error
    assert busy.next_attempt_at > timezone.now()

    # Its next attempt comes: the batch is published again (as the sweeper does); only the
    # busy row is still to send.
    Notification.objects.filter(pk=busy.pk).update(next_attempt_at=timezone.now())
    assert deliver(rows) == {"sent": 1, "failed": 0, "retry": 0}
    arrivals = server.arrivals()
    assert set(arrivals) == {a for a in addresses if a != "nobody@example.org"}
    assert max(arrivals.values()) == 1
    assert Notification.objects.filter(status=Status.SENT).count() == 21


def test_a_row_without_stored_bytes_is_built_when_sent(server):
    """Rows written before the bytes were stored still go out, over the same connection."""
    old, new = notice("batch:old-row", ["old@example.org", "new@example.org"])
    Notification.objects.filter(pk=old.pk).update(raw=b"")

    assert deliver([old, new]) == {"sent": 2, "failed": 0, "retry": 0}
    assert len(set(server.peers)) == 1
    received = {message["To"]: message["Message-ID"] for message in server.messages}
    assert received == {
        "old@example.org": old.headers["Message-ID"],
        "new@example.org": new.headers["Message-ID"],
    }


def test_a_message_that_cannot_be_built_keeps_the_row_and_fails_visibly(server):
    """Writing never fails on an email: the row is kept, and the worker records why it cannot
    be sent (here an address with a line break, which no header may carry)."""
    bad, good = notice("batch:bad-address", ["bad\nheader@example.org", "good@example.org"])
    assert bytes(bad.raw) == b"" and bytes(good.raw)

    assert deliver([bad, good]) == {"sent": 1, "failed": 1, "retry": 0}
    bad.refresh_from_db()
    assert bad.status == Status.FAILED and "ValueError" in bad.last_error
    assert server.arrivals() == Counter(["good@example.org"])


def parsed(message_bytes: bytes) -> dict:
    """What a mail client shows of a message: its headers and decoded parts."""
    message = email.message_from_bytes(message_bytes, policy=email.policy.default)
    fields = {
        name: str(message[name]).strip()
        for name in (
            "Subject",
            "From",
            "To",
            "Reply-To",
            "Message-ID",
            "Auto-Submitted",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
        )
    }
    fields["text"] = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    fields["html"] = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    fields["attachments"] = [
        (part.get_filename(), part.get_content_type(), part.get_content().replace("\r\n", "\n"))
        for part in message.iter_attachments()
    ]
    return fields


def test_the_stored_bytes_say_what_django_s_own_message_says(server):
    """Built with the standard library's MIME classes for speed, the message reads as Django's
    would: non-Latin subject, a named reply address, one-click unsubscribe, a calendar."""
    staff = UserFactory(email="staff@svetogorsk.ru")
    (row,) = notification_send(
        kind=Kind.MEETING_ANNOUNCEMENT,
        template="notice",
        recipients=[staff],
        context={"subject": "Встреча в Иматре – Kokous", "body": "Hyvää päivää!\n" + "x" * 120},
        key="batch:equivalent",
        reply_to="Jüri Ärtel <jyri@narva.ee>",
        attachments=[
            {
                "filename": "meeting.ics",
                "content": "BEGIN:VCALENDAR\r\nSUMMARY:Встреча\r\nEND:VCALENDAR\r\n",
                "mimetype": "text/calendar",
            }
        ],
    )
    django_message = row.email_message().message(policy=email.policy.SMTP).as_bytes()
    expected = parsed(django_message)
    assert expected["List-Unsubscribe"].startswith("<http")
    assert parsed(bytes(row.raw)) == expected

    assert deliver([row]) == {"sent": 1, "failed": 0, "retry": 0}
    assert parsed(server.contents["staff@svetogorsk.ru"]) == expected
