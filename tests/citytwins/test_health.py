import http.cookiejar
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory


def test_healthz_names_each_part(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["static"] == "unused"  # development serves static files itself
    assert set(body["checks"]) == {"database", "cache", "broker", "static"}


def errors_logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_healthz_answers_any_host_and_logs_no_error(client, db, caplog):
    """A container's or load balancer's probe sends its own Host: it is answered, not refused."""
    response = client.get("/healthz", HTTP_HOST="any.example")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0, no-cache")
    assert errors_logged(caplog) == []
    # Every other page still refuses a host it does not serve.
    assert client.get("/", HTTP_HOST="any.example").status_code == 400


@pytest.fixture
def production_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    return settings


def test_healthz_names_static_when_collectstatic_was_not_run(
    client, db, production_static, tmp_path, caplog
):
    production_static.STATIC_ROOT = tmp_path  # empty: collectstatic never ran
    response = client.get("/healthz", HTTP_HOST="any.example")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["static"].startswith("failed")
    assert "collectstatic" in body["checks"]["static"]
    assert body["checks"]["database"] == "ok"
    assert errors_logged(caplog) == []
    assert "health check failing: static" in caplog.text


@pytest.mark.xdist_group("collected_static")
def test_healthz_says_static_is_ok_once_collected(client, db, production_static, collected_static):
    production_static.STATIC_ROOT = collected_static
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["static"] == "ok"


def test_healthz_with_redis_reports_it_ok(client, db, settings, redis_url):
    body = client.get("/healthz").json()
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] == "ok"


@pytest.mark.parametrize("listener", ["closed_port", "silent_port"])
def test_healthz_names_redis_when_it_fails_within_three_seconds(
    client, db, settings, listener, request
):
    port = request.getfixturevalue(listener)
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("failed")
    assert response.json()["checks"]["database"] == "ok"
    assert elapsed < 3


def fetch(opener, url: str, data: dict | None = None):
    encoded = urllib.parse.urlencode(data).encode() if data is not None else None
    started = time.monotonic()
    try:
        with opener.open(url, data=encoded, timeout=10) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


@pytest.mark.parametrize("listener", ["closed_port", "silent_port"])
def test_redis_down_or_silent_never_holds_up_a_request(portal_server, listener, request):
    """A password reset enqueues its email; with Redis away the page still answers in < 2 s."""
    port = request.getfixturevalue(listener)
    user = UserFactory(email="staff@tornio.fi")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    base = portal_server(REDIS_URL=f"redis://127.0.0.1:{port}/0")
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))

    status, body, _ = fetch(opener, f"{base}/accounts/password/reset/")
    assert status == 200
    token = next(cookie.value for cookie in cookies if cookie.name == "csrftoken")
    status, body, elapsed = fetch(
        opener,
        f"{base}/accounts/password/reset/",
        {"csrfmiddlewaretoken": token, "email": "staff@tornio.fi"},
    )
    assert status == 200, body[:500]
    assert "sent you an email" in body.lower()
    print(f"password reset with Redis {listener}: {elapsed:.2f} s")
    assert elapsed < 2

    status, body, elapsed = fetch(opener, f"{base}/healthz")
    assert status == 503
    assert json.loads(body)["checks"]["broker"].startswith("failed")
    assert elapsed < 3


def probe(base: str, host: str) -> tuple[int, dict]:
    request = urllib.request.Request(f"{base}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.xdist_group("collected_static")
def test_under_production_settings_healthz_answers_any_host_and_names_missing_static(
    portal_server, collected_static, tmp_path
):
    """The acceptance, under gunicorn with production settings: Host any.example is answered,
    200 with the collected files, 503 naming `static` with an empty STATIC_ROOT; nothing logged
    as an error."""
    from tests.conftest import PRODUCTION_ENV

    ready = portal_server(**PRODUCTION_ENV, STATIC_ROOT=str(collected_static))
    empty = tmp_path / "empty-static-root"
    empty.mkdir()
    missing = portal_server(**PRODUCTION_ENV, STATIC_ROOT=str(empty))

    status, body = probe(ready, "any.example")
    assert (status, body["status"], body["checks"]["static"]) == (200, "ok", "ok")
    status, body = probe(missing, "any.example")
    assert (status, body["status"]) == (503, "failing")
    assert body["checks"]["static"].startswith("failed")
    assert [name for name, state in body["checks"].items() if state.startswith("failed")] == [
        "static"
    ]
    for base in (ready, missing):
        log = portal_server.log(base)
        assert "ERROR" not in log
        assert "DisallowedHost" not in log
    assert "health check failing: static" in portal_server.log(missing)
