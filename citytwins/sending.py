"""How one batch goes out over SMTP: the conversation for one message, with a hook before the line
that ends it, and the recorders that mark each row sent in the order the server accepted them.

A row is recorded "sent" after the server accepted it and before the next message can be: the
next message's last line waits for the record (`SentRecorder.wait`). So a worker killed at any
moment leaves at most one message accepted and not recorded, which goes again after its lease.
Over SMTP on PostgreSQL, outside a transaction, the record is written by a thread with a
connection of its own while the next conversation goes on (`ThreadedSentRecorder`): measured on
the 2-core machine, waiting for each commit before the next MAIL FROM took a third of a
message's time.
"""

import contextlib
import queue
import re
import smtplib
import socket
import threading
from collections.abc import Callable, Iterator

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection
from django.utils import timezone

from citytwins.models import Notification, Status


class RecordingFailed(Exception):
    """Recording a row sent failed (the database is gone): stop sending; the rows not recorded
    stay claimed and go again after their lease."""


_LEADING_DOT = re.compile(rb"(?m)^\.")


def smtp_send(
    smtp: smtplib.SMTP,
    sender: str,
    recipient: str,
    raw: bytes,
    before_last_line: Callable[[], None],
) -> None:
    """`smtplib.SMTP.sendmail` for one recipient, with one hook: `before_last_line()` runs after
    the message's text went out and before the line that ends it (the server accepts a message
    only at that line). It raises what sendmail raises, for the same replies."""
    smtp.ehlo_or_helo_if_needed()
    options = [f"size={len(raw)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        _smtp_abandon(smtp, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.rcpt(recipient)
    if code not in (250, 251):
        _smtp_abandon(smtp, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = smtp.docmd("data")
    if code != 354:
        _smtp_abandon(smtp, code)
        raise smtplib.SMTPDataError(code, reply)
    text = _LEADING_DOT.sub(b"..", raw)  # RFC 5321 4.5.2, as smtplib quotes it
    # The last line goes alone: without this, Nagle's algorithm holds it until the server
    # acknowledges the text (up to 40 ms of delayed ACK). Every other write is a whole command.
    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    smtp.send(text if text.endswith(b"\r\n") else text + b"\r\n")
    try:
        before_last_line()
    except BaseException:
        smtp.close()  # mid-message: the server drops what it got, nothing is sent
        raise
    smtp.send(b".\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        _smtp_abandon(smtp, code)
        raise smtplib.SMTPDataError(code, reply)


def _smtp_abandon(smtp: smtplib.SMTP, code: int) -> None:
    """After a refusal, as sendmail does: the server closing (421) closes; else RSET."""
    if code == 421:
        smtp.close()
    else:
        with contextlib.suppress(smtplib.SMTPServerDisconnected):
            smtp.rset()


class SentRecorder:
    """Records rows sent ("sent" and when), in the order the server accepted them; a task's
    `claim` names the rows it holds (a row taken back by the sweeper is left alone).

    This one records each row at once, in the caller's connection (and transaction, if it holds
    one). `for_mailer` gives `ThreadedSentRecorder` where that pays: over SMTP on PostgreSQL,
    outside a transaction."""

    def __init__(self, claim: str):
        self.claim = claim

    @classmethod
    def for_mailer(cls, mailer: BaseEmailBackend, claim: str) -> "SentRecorder":
        if (
            isinstance(mailer, SMTPBackend)
            and connection.vendor == "postgresql"
            and not connection.in_atomic_block
        ):
            return ThreadedSentRecorder(claim)
        return cls(claim)

    def __enter__(self) -> "SentRecorder":
        self._unflushed = _commits_unflushed()
        self._unflushed.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        self._unflushed.__exit__(*exc_info)

    def record(self, pk: int) -> None:
        _sent_record(pk, self.claim)

    def wait(self) -> None:
        """Return once every row handed to `record` is recorded (at once here)."""


class ThreadedSentRecorder(SentRecorder):
    """Records from a thread with a database connection of its own, so a row's commit overlaps
    the next message's SMTP conversation instead of preceding it. `wait` (called before the next
    message's last line) returns once every row handed over is committed, and raises what
    recording raised; leaving the block waits for the rest and closes the thread's connection."""

    def __init__(self, claim: str):
        super().__init__(claim)
        self._rows: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._done = threading.Condition()
        self._handed = self._recorded = 0
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="outbox-sent", daemon=True)

    def __enter__(self) -> "SentRecorder":
        self._thread.start()
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        self._rows.put(None)
        self._thread.join()
        if self._error is not None and exc_type is None:
            raise RecordingFailed(self._error) from self._error

    def record(self, pk: int) -> None:
        with self._done:
            if self._error is not None:
                raise RecordingFailed(self._error) from self._error
            self._handed += 1
        self._rows.put(pk)

    def wait(self) -> None:
        with self._done:
            self._done.wait_for(lambda: self._recorded == self._handed or self._error)
            if self._error is not None:
                raise RecordingFailed(self._error) from self._error

    def _run(self) -> None:
        try:
            with _commits_unflushed():
                while (pk := self._rows.get()) is not None:
                    _sent_record(pk, self.claim)
                    with self._done:
                        self._recorded += 1
                        self._done.notify_all()
        except BaseException as error:
            with self._done:
                self._error = error
                self._done.notify_all()
        finally:
            connection.close()  # this thread's own connection, back to the pool


def _sent_record(pk: int, claim: str) -> None:
    """One row sent, if this task still holds it. Plain SQL: it runs once per message, and the
    ORM's building of the same UPDATE cost a third of its time."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, sent_at = %s, updated_at = %s,"  # noqa: S608
            " lease_until = NULL, last_error = '' WHERE id = %s AND claimed_by = %s",
            [Status.SENT.value, now, now, pk, claim],
        )


@contextlib.contextmanager
def _commits_unflushed() -> Iterator[None]:
    """While a batch sends, PostgreSQL acknowledges each "sent" without waiting for its disk.

    Recording every row at once is what keeps a killed worker from sending it again, and waiting
    for the disk on each of those commits cost more than the SMTP conversation itself. A worker
    that dies loses nothing this way (the server has the commit); only a crash of the database
    server itself may forget the last fraction of a second of "sent", and those rows go again
    after their lease. Claims, retries and failures stay durable (outside this block)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
