"""Mail throughput: the outbox through a real Celery worker against a plain smtplib loop.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citytwins_outbox \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/mail_throughput.py

Creates and migrates the database named, starts `celery worker` on a queue of its own, writes
COUNT notifications, and times from the first message's arrival at a local aiosmtpd sink until
the sink has every message (and, apart, from the first enqueue). Then sends the same messages with
smtplib over one connection. Its rows are deleted at the end. Not a test: it prints messages per
second for both and their ratio.
"""

import argparse
import email.policy
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citytwins.settings")


class Sink:
    """An SMTP handler that counts messages and keeps nothing."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=1, help="worker processes")
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    ):
        sys.exit("Set DATABASE_URL (PostgreSQL, shared with the worker) and REDIS_URL.")

    import smtplib
    import urllib.parse

    from aiosmtpd.controller import Controller

    name = urllib.parse.urlsplit(os.environ["DATABASE_URL"]).path.strip("/")
    created = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, text=True
    )
    if created.returncode and "already exists" not in created.stderr:
        sys.exit(created.stderr)

    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"

    import django

    django.setup()
    from django.core.management import call_command

    from citytwins.celery import app
    from citytwins.notifications import Kind, Notification, notification_send

    call_command("migrate", verbosity=0)
    queue = f"benchmark-{uuid.uuid4().hex[:10]}"
    app.conf.task_default_queue = queue
    worker = subprocess.Popen(
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
            str(args.concurrency),
            "-n",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env={**os.environ},
    )
    key = f"benchmark:{uuid.uuid4().hex}"
    try:
        started = time.monotonic()
        rows = notification_send(
            kind=Kind.CONTACT,
            template="notice",
            recipients=[f"person{n}@example.org" for n in range(args.count)],
            context={"subject": "Throughput", "body": "One of many messages. " * 20},
            key=key,
        )
        written = time.monotonic() - started
        print(f"wrote {len(rows)} outbox rows in {written:.2f} s")
        # The worker was started before the rows were written; wait for it, then time delivery.
        deadline = time.monotonic() + 600
        first_seen = None
        while sink.count < args.count and time.monotonic() < deadline:
            if first_seen is None and sink.count:
                first_seen = time.monotonic()
            time.sleep(0.01)
        finished = time.monotonic()
        if sink.count < args.count:
            sys.exit(f"only {sink.count} of {args.count} messages arrived")
        through_worker = args.count / (finished - (first_seen or started))
        end_to_end = args.count / (finished - started)

        messages = [
            row.email_message().message(policy=email.policy.SMTP).as_bytes()
            for row in Notification.objects.filter(key__startswith=key).order_by("pk")
        ]
        sink.count = 0
        started = time.monotonic()
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            for n, message in enumerate(messages):
                smtp.sendmail("noreply@citytwins.net", [f"person{n}@example.org"], message)
        plain = len(messages) / (time.monotonic() - started)

        print(f"messages: {args.count}, worker concurrency: {args.concurrency}")
        print(f"outbox through the Celery worker: {through_worker:8.1f} messages/s")
        print(f"  (including writing the rows and worker start-up: {end_to_end:.1f} messages/s)")
        print(f"plain smtplib loop, one connection: {plain:8.1f} messages/s")
        print(f"ratio (outbox / plain loop): {through_worker / plain:.2f}")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        Notification.objects.filter(key__startswith=key).delete()
        controller.stop()


if __name__ == "__main__":
    main()
