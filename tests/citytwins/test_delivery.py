"""Delivery through the real components: Redis, a `celery worker` process, an aiosmtpd server.

Run with REQUIRE_SERVICES=1, DATABASE_URL (PostgreSQL) and REDIS_URL set; skipped otherwise.
"""

import asyncio
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.utils import timezone

from citytwins.celery import app
from citytwins.notifications import Kind, Notification, Status, notification_send
from citytwins.outbox import sweep
from citytwins.tasks import notifications_sweep
from tests.conftest import BASE_DIR, Inbox, free_port, shared_database_url, wait_for
from tests.factories import SecretaryFactory, UserFactory

MAX_ATTEMPTS = 3


class Gatekeeper(Inbox):
    """A mail server the test steers: it can answer 451 to DATA a number of times, or hold a RCPT
    or DATA (the first, or the one after `hold_after` messages) until the test releases it (after
    killing the sender)."""

    def __init__(self):
        super().__init__()
        self.busy = 0
        self.hold_at = None
        self.hold_after = 0
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.hold_at == "RCPT":
            await self._hold()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        if self.hold_at == "DATA" and len(self.messages) >= self.hold_after:
            # The server has the whole message and keeps it, but its "250" never reaches a
            # client that died meanwhile: the one window SMTP cannot close.
            answer = await super().handle_DATA(server, session, envelope)
            await self._hold()
            return answer
        return await super().handle_DATA(server, session, envelope)

    async def _hold(self):
        self.hold_at = None
        self.hold_after = 0
        self.holding.set()
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)

    def message_ids(self) -> Counter:
        return Counter(message["Message-ID"] for message in self.messages)


@pytest.fixture
def mail_server():
    handler = Gatekeeper()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.inbox = handler
    yield controller
    handler.release.set()
    controller.stop()


@pytest.fixture
def worker_env(monkeypatch, mail_server):
    """What the worker process reads from its environment: our SMTP server, quick retries."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{mail_server.port}")
    monkeypatch.setenv("NOTIFICATION_RETRY_BASE_SECONDS", "0.2")
    monkeypatch.setenv("NOTIFICATION_MAX_ATTEMPTS", str(MAX_ATTEMPTS))
    return mail_server


@pytest.fixture
def worker(worker_env, celery_worker):
    """The worker, with this process publishing to its queue only; `.server` is its SMTP server."""
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = celery_worker.queue
    celery_worker.server = worker_env.inbox
    yield celery_worker
    app.conf.task_default_queue = previous


def notice(key: str, recipients, kind=Kind.CONTACT) -> list[Notification]:
    return notification_send(
        kind=kind,
        template="notice",
        recipients=recipients,
        context={"subject": f"Notice {key}", "body": "From the secretariat."},
        key=key,
    )


def all_sent(count: int):
    return lambda: Notification.objects.filter(status=Status.SENT).count() == count


def sweeping(predicate):
    """The predicate, with the sweeper run before each look (beat runs it every minute; here at
    once, so retries scheduled in the database go out within the test's seconds)."""

    def swept():
        sweep()
        return predicate()

    return swept


def stored_message_ids() -> set[str]:
    return {
        headers["Message-ID"] for headers in Notification.objects.values_list("headers", flat=True)
    }


CREATE_WHILE_REDIS_IS_DOWN = """
import json, time
import django
django.setup()
from django.db import transaction
from citytwins.notifications import notification_send
slowest = 0.0
for n in range({count}):
    started = time.monotonic()
    with transaction.atomic():
        notification_send(
            kind="contact",
            template="notice",
            recipients=[f"person{{n}}@example.org"],
            context={{"subject": f"Message {{n}}", "body": "Written while Redis was down."}},
            key=f"redis-down:{{n}}",
        )
    slowest = max(slowest, time.monotonic() - started)
print(json.dumps({{"slowest": slowest}}))
"""


def test_100_notifications_written_while_redis_is_down_all_arrive_once(
    worker, worker_env, closed_port
):
    """Another process writes 100 notifications with its broker on a closed port; each returns
    within 2 s and stays pending. With Redis reachable the beat job sends each exactly once."""
    count = 100
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{closed_port}/0",
        "DJANGO_SETTINGS_MODULE": "citytwins.settings",
        "LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "-c", CREATE_WHILE_REDIS_IS_DOWN.format(count=count)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    slowest = json.loads(result.stdout.strip().splitlines()[-1])["slowest"]
    print(f"\nslowest creation with Redis down: {slowest:.2f} s")
    assert slowest < 2
    assert Notification.objects.filter(status=Status.PENDING).count() == count
    assert worker_env.inbox.messages == []

    # A minute passes (the sweeper leaves fresh rows to their own task), then beat runs it.
    Notification.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    notifications_sweep.apply_async(queue=worker.queue)

    assert wait_for(all_sent(count), timeout=60)
    wait_for(lambda: len(worker_env.inbox.messages) >= count, timeout=10)
    time.sleep(0.5)  # anything sent twice would arrive now
    received = worker_env.inbox.message_ids()
    assert len(worker_env.inbox.messages) == count
    assert max(received.values()) == 1
    assert set(received) == stored_message_ids()


def test_451_is_retried_with_backoff_and_past_the_limit_fails_visibly_until_retried(worker, client):
    """A busy server (451) at first: the message arrives on a later attempt. Busy for good: the
    row fails with the error shown in the admin, and the admin's *retry* then delivers it."""
    server = worker.server
    server.busy = MAX_ATTEMPTS - 1
    (first,) = notice("contact:451", ["secretary@imatra.fi"])
    assert wait_for(sweeping(all_sent(1)), timeout=30)
    first.refresh_from_db()
    assert first.attempts == MAX_ATTEMPTS
    assert first.last_error == ""
    assert len(server.messages) == 1
    server.messages.clear()

    server.busy = 1000
    (row,) = notice("contact:busy", ["secretary@imatra.fi"])

    assert wait_for(
        sweeping(lambda: Notification.objects.filter(pk=row.pk, status=Status.FAILED).exists()),
        timeout=30,
    )
    row.refresh_from_db()
    assert row.attempts == MAX_ATTEMPTS
    assert "451" in row.last_error and "Mailbox busy" in row.last_error
    assert server.messages == []

    client.force_login(SecretaryFactory(email="secretary@imatra.fi"))
    html = client.get("/admin/citytwins/notification/?status__exact=failed").content.decode()
    assert "Mailbox busy" in html

    server.busy = 0
    response = client.post(
        "/admin/citytwins/notification/", {"action": "retry", "_selected_action": [row.pk]}
    )
    assert response.status_code == 302
    assert wait_for(all_sent(2), timeout=30)
    assert len(server.messages) == 1


def test_the_same_key_twice_gives_one_email(worker):
    staff = UserFactory(email="staff@narva.ee")
    notice("digest:2026-w48", [staff], kind=Kind.DIGEST)
    notice("digest:2026-w48", [staff], kind=Kind.DIGEST)
    notice("digest:2026-w49", [staff], kind=Kind.DIGEST)

    assert wait_for(all_sent(2), timeout=30)
    time.sleep(0.5)
    assert sorted(m["Subject"] for m in worker.server.messages) == [
        "Notice digest:2026-w48",
        "Notice digest:2026-w49",
    ]


def worker_children(worker) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


@pytest.mark.parametrize(("hold_at", "hold_after"), [("RCPT", 0), ("DATA", 0), ("DATA", 3)])
def test_a_worker_child_killed_while_sending_loses_no_message(worker, hold_at, hold_after):
    """SIGKILL the pool process in the middle of an SMTP conversation. The task is redelivered
    (acks_late + reject_on_worker_lost) and takes its own rows back; nothing is lost. Killed
    before the server accepted (RCPT), nothing is doubled either. Killed after the server
    accepted but before the worker recorded it (DATA), that one message arrives twice: SMTP has
    no way to tell; both copies carry the same Message-ID, so mail clients can drop one. Killed
    in the middle of the batch, the rows sent before stay sent (each was recorded at once)."""
    server = worker.server
    server.hold_at, server.hold_after = hold_at, hold_after
    rows = notice(f"contact:kill-{hold_at}", [f"person{n}@example.org" for n in range(5)])

    assert server.holding.wait(30), "the worker never reached the SMTP server"
    children = worker_children(worker)
    assert children, "no pool process found"
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    server.release.set()

    assert wait_for(all_sent(len(rows)), timeout=60)
    time.sleep(0.5)
    received = server.message_ids()
    duplicates = sum(count - 1 for count in received.values())
    print(f"\nSIGKILL at {hold_at}: {len(server.messages)} received, {duplicates} duplicates")
    assert set(received) == stored_message_ids()  # none lost
    assert duplicates == (0 if hold_at == "RCPT" else 1)


@pytest.fixture
def smtp_down_env(monkeypatch, closed_port):
    """Set before the worker starts (fixture order): its SMTP server is a closed port."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{closed_port}")
    monkeypatch.setenv("NOTIFICATION_RETRY_BASE_SECONDS", "60")


def test_password_reset_with_the_smtp_server_down_answers_at_once_and_the_row_waits(
    smtp_down_env, celery_worker, client
):
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = celery_worker.queue
    try:
        staff = UserFactory(email="staff@tornio.fi")
        EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
        started = time.monotonic()
        response = client.post("/accounts/password/reset/", {"email": staff.email}, follow=True)
        elapsed = time.monotonic() - started
    finally:
        app.conf.task_default_queue = previous
    assert response.status_code == 200
    assert "sent you an email" in response.content.decode().lower()
    assert elapsed < 2
    row = Notification.objects.get()
    assert row.kind == Kind.ACCOUNT and row.status == Status.PENDING
    # The worker tried, found no server, and left it pending for a later attempt.
    assert wait_for(
        lambda: Notification.objects.filter(attempts=1).exclude(last_error="").exists(), timeout=30
    )
    row.refresh_from_db()
    assert row.status == Status.PENDING
    assert "refused" in row.last_error.lower()
