"""What an operator runs: gunicorn's configuration, the proxy in front, the Procfile, compose."""

import http.client
import urllib.parse

import pytest

from tests.conftest import PRODUCTION_ENV


def fetch(url: str, headers: dict | None = None, method: str = "GET"):
    """One request, no redirect followed: (status, lower-cased headers, body)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, parts.path or "/", headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.xdist_group("collected_static")
def test_gunicorn_with_the_repositorys_configuration_sends_no_server_header(
    portal_server, collected_static
):
    base = portal_server(
        **PRODUCTION_ENV, STATIC_ROOT=str(collected_static), SECURE_PROXY_SSL_HEADER="1"
    )
    behind_tls = {"Host": "citytwins.example.org", "X-Forwarded-Proto": "https"}
    for path, headers, status in [
        ("/healthz", {}, 200),
        ("/", behind_tls, 200),
        ("/static/css/site.css", behind_tls, 200),
        ("/no-such-page/", behind_tls, 404),
        ("/", {"Host": "citytwins.example.org"}, 301),  # the redirect to HTTPS
    ]:
        got, response_headers, _ = fetch(base + path, headers)
        assert got == status, (path, got)
        assert "server" not in response_headers, (path, response_headers)
        assert "date" in response_headers  # gunicorn's other headers are still there
