"""Limits keyed on what they protect: an account's address (not the host, port or spelling), the
client as the trusted proxies report it; and still counting while Redis is away."""

import socket
import threading
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from citytwins import cache as cache_module
from citytwins import ratelimits
from citytwins.models import Notification
from tests.factories import PASSWORD, SecretaryFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = "too many failed login attempts"


@pytest.fixture
def account():
    user = UserFactory(email="staffa@tornio.test")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def sign_in(client, login, password, **headers):
    return client.post("/accounts/login/", {"login": login, "password": password}, **headers)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("proxies", [0, 1])
def test_after_five_wrong_passwords_no_host_port_or_forwarded_address_gives_a_new_budget(
    client, settings, account, proxies
):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    for n in range(5):
        response = sign_in(
            client, "STAFFA@tornio.test", "wrong", HTTP_HOST="127.0.0.1:8833", REMOTE_ADDR="::1"
        )
        assert REFUSED not in response.content.decode().lower(), n
    for host in ("127.0.0.1:8833", "localhost:8833", "localhost:8834"):
        for forwarded in ("", "203.0.113.7", "198.51.100.1, 203.0.113.9"):
            headers = {"HTTP_HOST": host, "REMOTE_ADDR": "192.0.2.10"}
            if forwarded:
                headers["HTTP_X_FORWARDED_FOR"] = forwarded
            response = sign_in(client, "staffa@tornio.test", PASSWORD, **headers)
            assert REFUSED in response.content.decode().lower(), (host, forwarded)
            assert not signed_in(client)


def test_without_a_trusted_proxy_a_forwarded_address_buys_no_fresh_budget_per_ip(client, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for n in range(10):  # login_failed: 10 a minute per client address
        sign_in(client, f"nobody{n}@tornio.test", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = sign_in(client, "nobody@tornio.test", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert REFUSED in response.content.decode().lower()


def test_behind_one_trusted_proxy_each_client_has_its_own_budget(client, settings, account):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    client_a = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for n in range(10):
        sign_in(client, f"nobody{n}@tornio.test", "wrong", **client_a)
    refused = sign_in(client, "nobody@tornio.test", "x", **client_a)
    assert REFUSED in refused.content.decode().lower()
    # What the client wrote before the proxy's own entry is not the client.
    spoofed = "203.0.113.99, 203.0.113.5"
    refused = sign_in(client, "nobody@tornio.test", "x", HTTP_X_FORWARDED_FOR=spoofed, **proxy)
    assert REFUSED in refused.content.decode().lower()
    other = sign_in(client, account.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert other.status_code == 302 and signed_in(client)


def test_the_contact_limit_counts_the_client_the_proxy_reports(client, settings, monkeypatch):
    SecretaryFactory(email="secretary@imatra.fi")
    monkeypatch.setattr(ratelimits, "NETWORK_LIMIT", 2)
    message = {"name": "Liisa", "subject": "Visit", "message": "Hello"}
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(2):
        forwarded = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
        response = client.post("/contact/", {**message, "email": f"p{n}@example.fi"}, **forwarded)
        assert response.status_code == 302
    response = client.post(
        "/contact/", {**message, "email": "p9@example.fi"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.post(
        "/contact/", {**message, "email": "p9@example.fi"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 302


def redis_cache(settings, url: str) -> None:
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "citytwins.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": settings.REDIS_CLIENT_OPTIONS,
        }
    }


@pytest.fixture(params=["closed", "silent"])
def redis_away(request, settings, closed_port, silent_port):
    """The default cache is Redis on a port that refuses connections, or that never answers."""
    port = closed_port if request.param == "closed" else silent_port
    redis_cache(settings, f"redis://127.0.0.1:{port}/1")
    return request.param


def test_with_redis_away_the_sixth_wrong_password_is_still_refused_quickly(
    client, redis_away, account
):
    for _ in range(5):
        sign_in(client, account.email, "wrong")
    started = time.monotonic()
    response = sign_in(client, account.email, PASSWORD)
    elapsed = time.monotonic() - started
    assert REFUSED in response.content.decode().lower()
    assert not signed_in(client)
    assert elapsed < 2, elapsed


def test_with_redis_away_the_sixth_contact_message_in_an_hour_answers_429_quickly(
    client, redis_away
):
    SecretaryFactory(email="secretary@imatra.fi")
    message = {"name": "Liisa", "email": "liisa@example.fi", "subject": "Hi", "message": "Hello"}
    for n in range(ratelimits.SENDER_LIMIT):
        assert client.post("/contact/", {**message, "subject": f"Hi {n}"}).status_code == 302
    started = time.monotonic()
    response = client.post("/contact/", {**message, "subject": "One too many"})
    elapsed = time.monotonic() - started
    assert response.status_code == 429
    assert not Notification.objects.filter(subject__contains="One too many").exists()
    assert elapsed < 2, elapsed


class RedisRelay:
    """A TCP relay in front of the real Redis that the test takes down and brings back."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.up = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                end.close()

    def cut(self):
        """Redis goes away: open connections drop, new ones are closed at once."""
        self.up = False
        for connection in self.connections:
            connection.close()
        self.connections.clear()

    def close(self):
        self.cut()
        self.listener.close()


@pytest.fixture
def relay(redis_url, settings):
    from urllib.parse import urlsplit

    target = urlsplit(redis_url)
    relay = RedisRelay((target.hostname, target.port or 6379))
    redis_cache(settings, f"redis://127.0.0.1:{relay.port}/1")
    yield relay
    relay.close()


def test_the_cache_counts_locally_while_redis_is_away_and_goes_back_to_it(relay, monkeypatch):
    monkeypatch.setattr(cache_module, "PAUSE_SECONDS", 0.2)
    cache.set("counter", 1, timeout=60)
    relay.cut()
    # Redis is away: this process keeps counting, nothing reads as a miss.
    cache.set("counter", 10, timeout=60)
    assert cache.incr("counter") == 11
    assert cache.add("lock", True, timeout=60) is True
    assert cache.add("lock", True, timeout=60) is False
    relay.up = True
    time.sleep(0.3)
    # Redis answers again: what it held is what the cache reads.
    assert cache.get("counter") == 1
    assert cache.add("lock", True, timeout=60) is True
