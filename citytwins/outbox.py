"""The outbox's delivery: publishing rows to the workers, the delivery task that sends them, and
the sweeper that takes back what a lost task left behind. `citytwins.tasks` imports from here
(and schedules the sweeper); nothing here imports it.

Recovery is decided in the database, not by the broker: a task holds the rows it sends for a
lease (NOTIFICATION_LEASE_SECONDS, renewed while a long batch is still sending), and a retry is
a pending row with a later next-attempt time. The sweeper (every minute) takes back rows whose
lease ran out and publishes the rows whose next attempt has come. A worker killed mid-batch so
delays its mail by about a lease; at most the one message whose DATA the server had accepted
when the worker died goes out twice.

Throughput: a task claims up to BATCH_SIZE rows in one transaction, opens one SMTP connection for
them, sends the bytes each row stored when it was written (building a MIME message costs more
than the SMTP conversation), and records each row sent as soon as the server took it, with a
commit that does not wait for the disk; over SMTP on PostgreSQL that record is written while the
next message's conversation goes on, and the next message's last line waits for it
(`citytwins.sending`).
"""

import datetime
import logging
import smtplib
import time
import uuid

from celery import shared_task
from django.conf import settings
from django.core.mail import mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from citytwins.models import Notification, Status
from citytwins.sending import RecordingFailed, SentRecorder, smtp_send

logger = logging.getLogger(__name__)

# Rows per delivery task: one SMTP connection carries a whole batch.
BATCH_SIZE = 100


def notifications_enqueue(ids: list[int]) -> list[int]:
    """Publish delivery in batches now; returns the ids published. A broker that is down is
    logged and the rest stay pending, for the sweeper."""
    published: list[int] = []
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        options = {}
        queue = _current_queue()
        if queue:
            options["queue"] = queue
        try:
            notifications_deliver.apply_async((batch,), **options)
        except Exception:
            # kombu's OperationalError, or anything else the broker throws: never the caller's
            # problem, the sweeper publishes what stays pending.
            logger.warning("broker unavailable; %d notifications left pending", len(ids) - start)
            break
        published += batch
    return published


def _current_queue() -> str | None:
    """Inside a task, the queue it came from, so follow-up work stays on that queue."""
    from celery import current_task

    if current_task and not current_task.request.is_eager:
        delivery_info = current_task.request.delivery_info or {}
        return delivery_info.get("routing_key")
    return None


class PermanentFailure(Exception):
    """The server refused for good (5xx) or the message cannot be sent as written."""


def _failure_kind(error: Exception) -> type[Exception]:
    """PermanentFailure for a 5xx or a malformed message; ConnectionError when the connection is
    gone (every later row would fail too); Exception for a 4xx on this one message."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return PermanentFailure if codes and min(codes) >= 500 else Exception
    if isinstance(error, smtplib.SMTPResponseException):
        # SMTPResponseException covers SMTPDataError and SMTPSenderRefused.
        return PermanentFailure if error.smtp_code >= 500 else Exception
    if isinstance(error, OSError):
        # Disconnects, refused connections, timeouts (smtplib's own errors are OSErrors too).
        return ConnectionError
    if isinstance(error, (ValueError, UnicodeError)):
        return PermanentFailure  # an address or header Django will not put on the wire
    return Exception


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def retry_delay(attempts: int) -> float:
    """Exponential backoff: base, 2 x base, 4 x base … after the 1st, 2nd, 3rd attempt."""
    return settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)


# Named as it always was, so messages already queued and the beat schedule keep finding it.
@shared_task(bind=True, ignore_result=True, name="citytwins.tasks.notifications_deliver")
def notifications_deliver(self, notification_ids: list[int]) -> dict[str, int]:
    """Claim the pending rows named, send them over one SMTP connection, record each outcome.

    Idempotent: a row already sent (or claimed by another task) is skipped. A redelivery of this
    very task (its worker died mid-send) takes its own rows back at once.
    """
    claim = self.request.id or uuid.uuid4().hex
    lease = datetime.timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_by=claim))
            .filter(pk__in=notification_ids)
            .order_by("pk")
        )
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=Status.SENDING,
            claimed_by=claim,
            lease_until=now + lease,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    for row in rows:
        row.attempts += 1

    sent, failed, to_retry = [], [], []
    mailer = mailers.default
    try:
        mailer.open()
    except Exception as error:
        to_retry = [(row, error) for row in rows]
        rows = []
    renewed = time.monotonic()
    held = {row.pk for row in rows}
    sender = _envelope_sender(mailer)
    with SentRecorder.for_mailer(mailer, claim) as recorder:
        for index, row in enumerate(rows):
            if time.monotonic() - renewed > lease.total_seconds() / 3:
                held = _lease_renew([later.pk for later in rows[index:]], claim, lease)
                renewed = time.monotonic()
            if row.pk not in held:
                continue  # the lease ran out and the sweeper gave the row to another task
            try:
                _message_send(mailer, row, sender=sender, before_last_line=recorder.wait)
            except RecordingFailed:
                raise  # the database is gone: what is not recorded goes again after the lease
            except Exception as error:
                kind = _failure_kind(error)
                if kind is PermanentFailure:
                    failed.append((row, error))
                elif kind is ConnectionError:
                    to_retry += [(later, error) for later in rows[index:] if later.pk in held]
                    break
                else:
                    to_retry.append((row, error))
                continue
            # Recorded row by row, before the next message can be accepted: a worker killed
            # later must not send this row again.
            recorder.record(row.pk)
            sent.append(row)
    try:
        mailer.close()
    except Exception:
        logger.info("SMTP connection did not close cleanly", exc_info=True)

    for row, error in failed:
        _row_fail(row, claim, error)
    retried = 0
    for row, error in to_retry:
        if row.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            _row_fail(row, claim, error)
            failed.append((row, error))
            continue
        # Scheduled in the database: the sweeper publishes it when the time comes.
        Notification.objects.filter(pk=row.pk, claimed_by=claim).update(
            status=Status.PENDING,
            claimed_by="",
            lease_until=None,
            last_error=_error_text(error),
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=retry_delay(row.attempts)),
            updated_at=timezone.now(),
        )
        retried += 1
    if failed or retried:
        logger.warning(
            "notifications: %d sent, %d failed, %d to retry", len(sent), len(failed), retried
        )
    return {"sent": len(sent), "failed": len(failed), "retry": retried}


def _envelope_sender(mailer: BaseEmailBackend) -> str | ValueError:
    """The envelope's sender, once per batch (parsing it costs as much as an SMTP command), or
    the ValueError that fails each row if Django refuses DEFAULT_FROM_EMAIL."""
    if not isinstance(mailer, SMTPBackend):
        return ""
    try:
        return mailer.prep_address(settings.DEFAULT_FROM_EMAIL)
    except ValueError as error:
        return error


def _message_send(
    mailer: BaseEmailBackend, row: Notification, *, sender: str | ValueError, before_last_line
) -> None:
    """Over an open SMTP connection, the bytes rendered when the row was written; through any
    other backend (files in development, memory in tests), or for a row without them, the
    message Django builds (after `before_last_line`: nothing else is in flight then)."""
    if row.raw and isinstance(mailer, SMTPBackend) and mailer.connection is not None:
        if isinstance(sender, ValueError):
            raise sender
        # The envelope as Django's backend would give it (ValueError for an address it refuses).
        recipient = mailer.prep_address(row.address)
        smtp_send(mailer.connection, sender, recipient, bytes(row.raw), before_last_line)
    else:
        before_last_line()
        mailer.send_messages([row.email_message()])


def _lease_renew(ids: list[int], claim: str, lease: datetime.timedelta) -> set[int]:
    """Hold the rows still to send for another lease; returns those this task still holds."""
    held = Notification.objects.filter(pk__in=ids, status=Status.SENDING, claimed_by=claim)
    kept = set(held.values_list("pk", flat=True))
    held.filter(pk__in=kept).update(lease_until=timezone.now() + lease)
    return kept


def _row_fail(row: Notification, claim: str, error: Exception) -> None:
    Notification.objects.filter(pk=row.pk, claimed_by=claim).update(
        status=Status.FAILED,
        claimed_by="",
        last_error=_error_text(error),
        updated_at=timezone.now(),
    )


# Rows published per sweep: a backlog goes out over a few minutes, not in one burst of tasks.
SWEEP_LIMIT = 5000


def sweep() -> dict[str, int]:
    """Take back the rows whose lease ran out (their worker is gone), then publish the pending
    rows whose next attempt has come. A row published is left alone for a lease: if its task is
    lost as well, the next sweep after that publishes it again."""
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)
    with transaction.atomic():
        expired = list(
            Notification.objects.lease_expired(now=now, lease=lease)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=expired, status=Status.SENDING).update(
            status=Status.PENDING,
            claimed_by="",
            lease_until=None,
            next_attempt_at=now,
            updated_at=now,
        )
    if expired:
        logger.warning("notifications: %d taken back from workers that are gone", len(expired))
    due = list(
        Notification.objects.due(now=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    published = notifications_enqueue(due)
    Notification.objects.filter(pk__in=published, status=Status.PENDING).update(
        next_attempt_at=now + lease
    )
    return {"released": len(expired), "published": len(published)}
