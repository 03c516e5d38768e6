"""Over SMTP on PostgreSQL a batch records each row sent from a thread of its own while the next
message goes out (citytwins.sending). The guarantee stays the one of recording in line: when the
server accepts a message, every message before it is already recorded sent, so a worker killed
at any moment leaves at most one message accepted and not recorded."""

import time

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from citytwins import sending
from citytwins.notifications import Kind, Notification, Status, notification_send
from citytwins.outbox import notifications_deliver
from tests.conftest import Inbox, free_port

pytestmark = pytest.mark.django_db(transaction=True)


class RecordWatcher(Inbox):
    """At each message accepted (its last line received), reads from the database, over a
    connection of its own, how many rows are recorded sent at that moment."""

    def __init__(self, dsn: str):
        super().__init__()
        self.dsn = dsn
        self.sent_when_accepted = []

    async def handle_DATA(self, server, session, envelope):
        with psycopg.connect(self.dsn, autocommit=True) as db:
            count = db.execute(
                "SELECT count(*) FROM citytwins_notification WHERE status = %s",
                [Status.SENT.value],
            ).fetchone()[0]
        self.sent_when_accepted.append(count)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def watcher(postgresql, settings):
    params = connection.get_connection_params()
    dsn = psycopg.conninfo.make_conninfo(
        dbname=params["dbname"], host=params.get("host"), port=params.get("port"),
        user=params.get("user"), password=params.get("password"),
    )  # fmt: skip
    inbox = RecordWatcher(dsn)
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


def rows_written(count: int, monkeypatch) -> list[int]:
    """Rows written and left pending (not published), for the test to deliver."""
    monkeypatch.setattr("citytwins.notifications.notifications_enqueue", lambda ids: [])
    rows = notification_send(
        kind=Kind.CONTACT,
        template="notice",
        recipients=[f"person{n}@example.org" for n in range(count)],
        context={"subject": "In order", "body": "From the secretariat."},
        key="sent-order",
    )
    return [row.pk for row in rows]


def test_every_message_before_one_accepted_is_already_recorded(watcher, monkeypatch):
    recorders = []
    made = sending.ThreadedSentRecorder.__init__

    def recorder_made(self, claim):
        made(self, claim)
        recorders.append(self)

    monkeypatch.setattr(sending.ThreadedSentRecorder, "__init__", recorder_made)
    # A slow database: each record takes longer than the next message's conversation.
    record = sending._sent_record
    monkeypatch.setattr(sending, "_sent_record", lambda *row: time.sleep(0.03) or record(*row))
    ids = rows_written(20, monkeypatch)

    assert notifications_deliver.apply(args=(ids,)).get() == {"sent": 20, "failed": 0, "retry": 0}

    assert len(recorders) == 1, "recorded from a thread of its own"
    assert not recorders[0]._thread.is_alive()
    assert watcher.sent_when_accepted == list(range(20))
    assert Notification.objects.filter(status=Status.SENT).count() == 20
    assert len(watcher.messages) == 20


def test_when_recording_fails_the_next_message_is_not_accepted(watcher, monkeypatch):
    """The database goes away after two rows were recorded: the third message was accepted
    (not recorded: it goes again after its lease), the fourth is abandoned before its last line,
    and nothing else is sent."""
    record = sending._sent_record
    calls = []

    def failing_record(pk, claim):
        calls.append(pk)
        if len(calls) == 3:
            raise psycopg.OperationalError("the server closed the connection")
        record(pk, claim)

    monkeypatch.setattr(sending, "_sent_record", failing_record)
    ids = rows_written(10, monkeypatch)

    with pytest.raises(sending.RecordingFailed):
        notifications_deliver.apply(args=(ids,), throw=True).get()

    assert len(watcher.messages) == 3
    assert [row.status for row in Notification.objects.order_by("pk")] == [
        Status.SENT, Status.SENT, *[Status.SENDING] * 8,
    ]  # fmt: skip
