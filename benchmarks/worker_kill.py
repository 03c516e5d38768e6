"""Mail after a crashed worker, with the production settings: how long until every message has
arrived, and how many arrived twice.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citytwins_outbox \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/worker_kill.py

Writes COUNT notifications (migrating the database named first), lets a real `celery worker`
deliver them to a local aiosmtpd sink, SIGKILLs the worker and its pool process once a third
have arrived, starts a new worker at once, and runs the sweeper every minute as beat does (the
lease and every other setting come from the environment: the defaults unless you set them).
Prints the time from the restart until every message had arrived, and the duplicates (by
Message-ID). Its rows are deleted at the end. Not a test: tests/citytwins/test_recovery.py is the
same run with a 2-second lease and the sweeper driven at once.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from email import message_from_bytes
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citytwins.settings")

BEAT_SECONDS = 60


class Sink:
    """An SMTP handler that keeps each message's Message-ID."""

    def __init__(self):
        self.ids: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        with self.lock:
            self.ids.append(message_id)
        return "250 OK"


def worker_start(queue: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "citytwins",
            "worker",
            "-Q",
            queue,
            "-c",
            "1",
            "-n",
            f"{queue}-{uuid.uuid4().hex[:6]}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env={**os.environ},
    )


def worker_kill(worker: subprocess.Popen) -> None:
    """SIGKILL the worker and its pool process together."""
    pgrep = ["pgrep", "-P", str(worker.pid)]
    found = subprocess.run(pgrep, capture_output=True, text=True)
    os.kill(worker.pid, signal.SIGKILL)
    for pid in found.stdout.split():
        os.kill(int(pid), signal.SIGKILL)
    worker.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        sys.exit("Set DATABASE_URL (PostgreSQL, shared with the worker) and REDIS_URL.")

    from aiosmtpd.controller import Controller

    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import close_old_connections

    from citytwins.celery import app
    from citytwins.notifications import Kind, Notification, notification_send
    from citytwins.outbox import sweep

    call_command("migrate", verbosity=0)
    queue = f"benchmark-kill-{uuid.uuid4().hex[:10]}"
    app.conf.task_default_queue = queue
    key = f"benchmark-kill:{uuid.uuid4().hex}"
    stop = threading.Event()
    taken_back = []

    def beat():
        """Beat's schedule: the sweeper once a minute."""
        while not stop.wait(BEAT_SECONDS):
            taken_back.append(sweep()["released"])
            close_old_connections()

    workers = [worker_start(queue)]
    threading.Thread(target=beat, daemon=True).start()
    try:
        print(
            f"lease {settings.NOTIFICATION_LEASE_SECONDS:.0f} s, sweeper every {BEAT_SECONDS} s, "
            f"visibility timeout "
            f"{settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout']:.0f} s"
        )
        notification_send(
            kind=Kind.CONTACT,
            template="notice",
            recipients=[f"person{n}@example.org" for n in range(args.count)],
            context={"subject": "After a crash", "body": "One of many messages."},
            key=key,
        )
        while len(sink.ids) < args.count // 3:
            time.sleep(0.001)
        worker_kill(workers[0])
        at_kill = len(sink.ids)
        restarted = time.monotonic()
        workers.append(worker_start(queue))
        stored = {
            row.headers["Message-ID"] for row in Notification.objects.filter(key__startswith=key)
        }
        deadline = restarted + 15 * 60
        while not stored <= set(sink.ids) and time.monotonic() < deadline:
            time.sleep(0.1)
        elapsed = time.monotonic() - restarted
        time.sleep(2)
        duplicates = len(sink.ids) - len(set(sink.ids))
        arrived = len(stored & set(sink.ids))
        print(f"killed after {at_kill} of {args.count} had arrived; restarted at once")
        print(f"{arrived} of {args.count} arrived, the last {elapsed:.1f} s after the restart")
        print(f"rows the sweeper took back: {sum(taken_back)}; duplicates: {duplicates}")
    finally:
        stop.set()
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        Notification.objects.filter(key__startswith=key).delete()
        controller.stop()


if __name__ == "__main__":
    main()
