"""A newcomer's mail under `make run`: plain files, a /dev/mail/ page in development only, links
to the port the portal serves on, and no broker warning."""

import email
import email.policy
import importlib
import os
import re
import shlex
import subprocess

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import clear_url_caches

from citytwins.settings import BASE_DIR
from tests.citytwins.test_settings import PRODUCTION, run_python

LINK = "http://127.0.0.1:8000/invitations/" + "x" * 60 + "/"


@pytest.fixture
def mail_folder(settings, tmp_path):
    """The development mailer, writing to a folder of the test's own."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "citytwins.devmail.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    return tmp_path


def send(subject: str, to: str, html: str = "") -> None:
    message = EmailMultiAlternatives(
        subject, f"Hello from Tornio – Haparanda.\n\nYour link:\n{LINK}\n", to=[to]
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def test_each_email_is_one_file_that_reads_plainly(mail_folder):
    send("Welcome to Tornio – Haparanda", "liisa@tornio.fi", "<p>Tornio – Haparanda</p>")
    send("Second", "olga@narva.ee")
    files = sorted(mail_folder.glob("*.eml"))
    assert len(files) == 2
    raw = files[0].read_bytes()
    assert "Subject: Welcome to Tornio – Haparanda".encode() in raw
    assert "Hello from Tornio – Haparanda.".encode() in raw
    assert f"\n{LINK}\n".encode() in raw  # the whole link on one line
    assert b"quoted-printable" not in raw and b"=E2=80=93" not in raw and b"base64" not in raw
    assert b"Content-Transfer-Encoding: 8bit" in raw
    # And a mail program reads the same message back.
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == "Welcome to Tornio – Haparanda"
    assert LINK in message.get_body(("plain",)).get_content()
    assert "<p>Tornio – Haparanda</p>" in message.get_body(("html",)).get_content()


@pytest.fixture
def debug_urls(settings):
    """The URLs as `make run` (DEBUG on) has them; put back afterwards."""
    import citytwins.urls

    settings.DEBUG = True
    importlib.reload(citytwins.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(citytwins.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_dev_mail_lists_the_emails_and_shows_each_as_text_and_html(client, mail_folder, debug_urls):
    html = '<p>Choose <a href="http://127.0.0.1:8000/x/">your password</a></p><script>x()</script>'
    send("You are invited", "liisa@tornio.fi", html)
    send("Another", "olga@narva.ee")
    listing = client.get("/dev/mail/")
    assert listing.status_code == 200
    content = listing.content.decode()
    assert content.index("Another") < content.index("You are invited")  # newest first
    assert "liisa@tornio.fi" in content and "olga@narva.ee" in content
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:]+', content)
    name = next(file.stem for file in mail_folder.glob("*.eml") if "invited" in file.read_text())
    detail = client.get(f"/dev/mail/{name}/").content.decode()
    assert "<h1>You are invited</h1>" in detail
    assert f'<a href="{LINK}" rel="nofollow">{LINK}</a>' in detail  # the text's link works
    frame = re.search(r"<iframe [^>]*>", detail).group(0)
    assert f'src="/dev/mail/{name}/html/"' in frame
    assert 'sandbox="allow-popups' in frame and "allow-scripts" not in frame
    part = client.get(f"/dev/mail/{name}/html/")
    assert part.content.decode().startswith('<base target="_top"><p>Choose <a href="http')
    policy = part["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert part["X-Frame-Options"] == "SAMEORIGIN"
    # Only files the folder lists are shown.
    assert client.get("/dev/mail/..%2F..%2Fsettings/").status_code == 404
    assert client.get("/dev/mail/no-such-mail/").status_code == 404


@pytest.mark.django_db
def test_dev_mail_is_not_routed_without_debug(client, mail_folder):
    send("You are invited", "liisa@tornio.fi")
    assert client.get("/dev/mail/").status_code == 404
    code = (
        "import django; django.setup(); from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/dev/mail/'); print('routed')\n"
        "except Resolver404:\n    print('not routed')"
    )
    result = run_python(code, **PRODUCTION)
    assert result.stdout.strip() == "not routed", result.stderr


def test_make_run_records_its_port_for_mail_sent_from_another_terminal(tmp_path):
    """`PORT=8731 make run`, then the README's invite command: the link names port 8731."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SITE_URL", "DEBUG"}
    }
    env["VAR_DIR"] = str(tmp_path)
    prepare = subprocess.run(
        ["make", "-s", "run-prepare", "PORT=8731", f"VAR_DIR={tmp_path}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepare.returncode == 0, prepare.stderr
    assert "http://127.0.0.1:8731/" in prepare.stdout
    readme = (BASE_DIR / "README.md").read_text()
    command = re.search(r"`(\.venv/bin/python manage\.py invite [^`]+)`", readme).group(1)
    invite = subprocess.run(
        shlex.split(command), cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert invite.returncode == 0, invite.stderr
    assert "No hostname was supplied" not in invite.stderr
    (mail,) = (tmp_path / "mail").glob("*.eml")
    text = mail.read_text(encoding="utf-8")
    # In the invited city's language: the README invites to Tornio, so the link is Finnish.
    assert re.search(r"http://127\.0\.0\.1:8731/fi/invitations/[\w-]+/\n", text)
    assert "127.0.0.1:8000" not in text
