"""A worker killed with SIGKILL in the middle of 200 messages, restarted at once: every message
arrives within minutes of the restart, and only the one whose DATA the server had accepted when
the worker died may arrive twice.

The worker holds its rows for a lease; here the lease is 2 s (the worker's environment) and the
test runs the sweeper itself instead of waiting for beat's minute, so it takes seconds. With the
defaults (a 120 s lease, beat every 60 s) `benchmarks/worker_kill.py` measures the same thing.
"""

import asyncio
import os
import signal
import subprocess
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from citytwins.celery import app
from citytwins.notifications import Kind, Notification, Status, notification_send
from citytwins.outbox import sweep
from tests.conftest import Inbox, free_port, worker_start, worker_stop

COUNT = 200
KILL_AFTER = COUNT // 3
LEASE_SECONDS = 2


class KillSwitch(Inbox):
    """Counts what it receives, a few milliseconds a message as a real server takes, and says
    when a third has arrived."""

    def __init__(self):
        super().__init__()
        self.third = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.005)
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.messages) >= KILL_AFTER:
            self.third.set()
        return answer


@pytest.fixture
def mail_server():
    controller = Controller(KillSwitch(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def workers(monkeypatch, mail_server, redis_url, transactional_db):
    """Start workers on one queue (this process publishes there), sending to `mail_server` and
    holding rows for a short lease; all stopped at the end."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{mail_server.port}")
    monkeypatch.setenv("NOTIFICATION_LEASE_SECONDS", str(LEASE_SECONDS))
    started = []
    queue = f"test-recovery-{os.getpid()}-{time.monotonic_ns()}"

    def start():
        worker = worker_start(queue, redis_url)
        started.append(worker)
        return worker

    previous = app.conf.task_default_queue, app.conf.task_always_eager
    app.conf.task_default_queue, app.conf.task_always_eager = queue, False
    yield start
    app.conf.task_default_queue, app.conf.task_always_eager = previous
    for worker in started:
        if worker.poll() is None:
            worker_stop(worker)


def kill_whole_worker(worker) -> None:
    """SIGKILL the worker and its pool process together, as an OOM kill or a power cut does."""
    children = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True)
    os.kill(worker.pid, signal.SIGKILL)
    for pid in children.stdout.split():
        os.kill(int(pid), signal.SIGKILL)
    worker.wait(timeout=10)


def test_a_killed_worker_s_mail_all_arrives_within_minutes_of_a_restart(mail_server, workers):
    inbox = mail_server.handler
    first = workers()
    rows = notification_send(
        kind=Kind.CONTACT,
        template="notice",
        recipients=[f"person{n}@example.org" for n in range(COUNT)],
        context={"subject": "Meeting in Tornio", "body": "See you at the town hall."},
        key="recovery",
    )
    assert len(rows) == COUNT

    assert inbox.third.wait(120), "the worker never got a third of the way"
    kill_whole_worker(first)
    received_at_kill = len(inbox.messages)
    restarted = time.monotonic()
    workers()

    stored = {row.headers["Message-ID"] for row in Notification.objects.all()}
    deadline = restarted + 5 * 60
    while time.monotonic() < deadline:
        sweep()  # beat's job, run here every quarter second instead of every minute
        arrived = {message["Message-ID"] for message in inbox.messages}
        if arrived >= stored:
            break
        time.sleep(0.25)
    elapsed = time.monotonic() - restarted
    time.sleep(1)  # anything sent twice more would arrive now

    ids = [message["Message-ID"] for message in inbox.messages]
    duplicates = len(ids) - len(set(ids))
    print(
        f"\nkilled after {received_at_kill} of {COUNT}; all {len(set(ids))} arrived "
        f"{elapsed:.1f} s after the restart; {duplicates} duplicate(s)"
    )
    assert set(ids) == stored, f"{len(stored - set(ids))} messages never arrived"
    assert elapsed < 5 * 60
    assert duplicates <= 1  # one killed delivery: at most its message in flight
    assert Notification.objects.exclude(status=Status.SENT).count() == 0
