import os
import secrets
import subprocess
import sys

import pytest
from django.db import connection

from citytwins.environment import mailer_from_url
from citytwins.settings import BASE_DIR
from tests.conftest import REQUIRE_SERVICES


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "citytwins.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "citytwins.example.org",
    "EMAIL_URL": "smtp://portal:secret@mail.example.org:587?tls=1",
}


def test_production_without_secret_key_or_hosts_stops_naming_both():
    result = run_python("import django; django.setup()", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_names_only_what_is_missing():
    result = run_python("import django; django.setup()", DEBUG="0", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "SECRET_KEY," not in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    code = (
        "import django, sys; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = run_python(code, **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_no_environment_is_development_on_sqlite_with_file_mail():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.MAILERS['default']['BACKEND'],"
        " s.CACHES['default']['BACKEND'], s.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "citytwins.devmail.EmailBackend",
        "django.core.cache.backends.locmem.LocMemCache",
        "True",
    ]


def test_production_static_files_are_compressed_and_hashed():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.STORAGES['staticfiles']['BACKEND'], s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_SECURE)"
    )
    result = run_python(code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "31536000",
        "True",
    ]


@pytest.mark.parametrize(
    ("url", "backend", "options"),
    [
        (
            "smtp://user:p%40ss@mail.example.org:2525",
            "django.core.mail.backends.smtp.EmailBackend",
            {
                "host": "mail.example.org",
                "port": 2525,
                "username": "user",
                "password": "p@ss",
                "use_tls": False,
                "use_ssl": False,
                "timeout": 10,
            },
        ),
        (
            "smtp://mail.example.org?tls=1",
            "django.core.mail.backends.smtp.EmailBackend",
            {
                "host": "mail.example.org",
                "port": 587,
                "use_tls": True,
                "use_ssl": False,
                "timeout": 10,
            },
        ),
        (
            "smtps://mail.example.org",
            "django.core.mail.backends.smtp.EmailBackend",
            {
                "host": "mail.example.org",
                "port": 465,
                "use_tls": False,
                "use_ssl": True,
                "timeout": 10,
            },
        ),
        (
            "file:///tmp/mail",
            "citytwins.devmail.EmailBackend",
            {"file_path": "/tmp/mail"},
        ),
        ("console:", "django.core.mail.backends.console.EmailBackend", None),
    ],
)
def test_email_url_becomes_a_mailer(url, backend, options):
    mailer = mailer_from_url(url)
    assert mailer["BACKEND"] == backend
    assert mailer.get("OPTIONS") == options


def test_unknown_email_url_scheme_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="imap"):
        mailer_from_url("imap://mail.example.org")


@pytest.mark.django_db
@pytest.mark.skipif(not REQUIRE_SERVICES, reason="only CI promises PostgreSQL")
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 13
