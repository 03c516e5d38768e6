import http.cookiejar
import json
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
    assert set(body["checks"]) == {"database", "cache", "broker"}


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
