"""Fixtures for the real components: PostgreSQL, Redis, a Celery worker, SMTP, Chromium.

Under REQUIRE_SERVICES=1 (CI) a test whose component is missing fails instead of skipping.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = "/usr/bin/chromium"


def service_missing(what: str) -> None:
    """Fail under REQUIRE_SERVICES=1, skip otherwise."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(settings):
    if not settings.REDIS_URL:
        service_missing("Redis (REDIS_URL)")
    return settings.REDIS_URL


@pytest.fixture
def postgresql(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        service_missing("PostgreSQL (DATABASE_URL)")


class Inbox(Message):
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    """A real SMTP server on localhost; `.inbox.messages` holds what it received."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.inbox = inbox
    yield controller
    controller.stop()


@pytest.fixture
def smtp_mailer(settings, smtp_server):
    """Point the default mailer at the real SMTP server (the test runner had made it locmem)."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_server.port, "timeout": 5},
        }
    }
    return smtp_server


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


def shared_database_url() -> str:
    """The URL of the test database, for a worker or server process to share (PostgreSQL only)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        service_missing("a database other processes can share (PostgreSQL)")
    user = f"{db['USER']}@" if db["USER"] else ""
    return f"postgres://{user}{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def portal_server(transactional_db, tmp_path):
    """Start the portal under gunicorn, with the repository's gunicorn.conf.py, on the test
    database; returns a function(**env) -> base URL, and `.log(base URL)` reads that server's
    output (gunicorn's and the portal's log lines)."""
    processes = []
    logs = {}

    def start(*, port: int | None = None, **env: str) -> str:
        port = port or free_port()
        base = f"http://127.0.0.1:{port}"
        log = logs[base] = tmp_path / f"gunicorn-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "citytwins.wsgi",
                    "-b",
                    f"127.0.0.1:{port}",
                    "-w",
                    "1",
                    "--log-level",
                    "warning",
                ],
                cwd=BASE_DIR,
                env={**os.environ, "DATABASE_URL": shared_database_url(), **env},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        processes.append(process)

        def answering():
            with socket.socket() as sock:
                return sock.connect_ex(("127.0.0.1", port)) == 0

        assert wait_for(answering, timeout=20), f"the portal did not start: {log.read_text()}"
        return base

    start.log = lambda base: logs[base].read_text()
    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "tests-" + uuid.uuid4().hex + uuid.uuid4().hex,
    "ALLOWED_HOSTS": "citytwins.example.org",
    "EMAIL_URL": "smtp://127.0.0.1:25",
}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """STATIC_ROOT as `collectstatic` leaves it under production settings (once per session)."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = {**os.environ, **PRODUCTION_ENV, "STATIC_ROOT": str(root)}
    env.pop("DATABASE_URL", None)
    env["VAR_DIR"] = str(tmp_path_factory.mktemp("var"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    return root


@pytest.fixture
def closed_port():
    """A local port nothing listens on: connections are refused at once."""
    return free_port()


@pytest.fixture
def silent_port():
    """A local listener that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(100)
        yield sock.getsockname()[1]


def worker_start(queue: str, redis_url: str) -> subprocess.Popen:
    """A `celery worker` process (one pool process) on `queue`, sharing the test database; it
    reads the rest of its settings from this process's environment."""
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "citytwins.settings",
    }
    name = f"{queue}-{uuid.uuid4().hex[:6]}@%h"
    options = "--pool prefork --without-gossip --without-mingle --without-heartbeat -l WARNING"
    command = [sys.executable, "-m", "celery", "-A", "citytwins", "worker", "-Q", queue]
    worker = subprocess.Popen(
        [*command, "-c", "1", "-n", name, *options.split()],
        cwd=BASE_DIR,
        env=env,
    )
    worker.queue = queue
    return worker


def worker_stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


@pytest.fixture
def celery_worker(redis_url, transactional_db, settings):
    """A real `celery worker` process on its own queue, using the test database."""
    worker = worker_start(f"test-{uuid.uuid4().hex[:10]}", redis_url)
    yield worker
    worker_stop(worker)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture(autouse=True)
def site_url(settings):
    """Links in mail start here in every test, whatever port a developer's `make run` wrote to
    var/site-url."""
    settings.SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def language_reset():
    """Each test starts in English: a request to /fi/… leaves Finnish active in this thread."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def smtp_env(monkeypatch, smtp_server):
    """A worker started after this sends to the real SMTP server."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp_server.port}")
    return smtp_server


@pytest.fixture
def mail_worker(smtp_env, celery_worker):
    """A real worker delivering to a real SMTP server (`.inbox.messages`); this process
    publishes to the worker's queue."""
    from citytwins.celery import app

    previous = app.conf.task_default_queue
    app.conf.task_default_queue = celery_worker.queue
    celery_worker.inbox = smtp_env.inbox
    yield celery_worker
    app.conf.task_default_queue = previous


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def documents_isolated(settings, tmp_path):
    """Members-only documents a test stores go to its own folder, never var/."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture(autouse=True)
def cache_isolated(settings):
    """Rate limits and cached pages start afresh in every test, even on a Redis shared by
    parallel test processes: each test gets its own key prefix instead of a flush."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Tests read pages as they are rendered, whatever the test changed in its transaction
    (whose commit, and so the cache's invalidation, never comes); the page cache's own tests
    turn it on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tests run tasks in-process unless they start a real worker, which reads the environment."""
    from citytwins.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = "celery_worker" not in request.fixturenames
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        service_missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


AXE = BASE_DIR / "tests" / "vendor" / "axe.min.js"


def axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) -> list[str]:
    """Run axe-core in the page; return its violations of these impacts, described."""
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text())
    # Only violations are read: axe then skips gathering every passing node, which is most
    # of its time on a long page.
    result = page.evaluate("async () => await axe.run({resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


def axe_serious_violations(page) -> list[str]:
    """Serious and critical violations only: every page must have none."""
    return axe_violations(page, impacts=("serious", "critical"))


@pytest.fixture
def watched_page(page, live_server):
    """A page that records console errors (CSP reports) and every host it requests."""
    page.console_errors = []
    page.hosts = set()
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("request", lambda request: page.hosts.add(urllib.parse.urlsplit(request.url).netloc))
    page.base = live_server.url
    return page


@pytest.fixture
def network(db):
    """The association's record as `load_network` loads it: 7 twins, 14 cities, 9 sectors."""
    from members.services.record import network_load

    network_load()
