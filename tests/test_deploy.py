"""What an operator runs: gunicorn's configuration, the proxy in front, the Procfile, compose."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import urllib.parse
from pathlib import Path

import pytest
import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from members.models import City
from tests.conftest import (
    BASE_DIR,
    PRODUCTION_ENV,
    free_port,
    service_missing,
    wait_for,
)
from tests.factories import PASSWORD, UserFactory
from tests.members.test_images import picture


def fetch(url: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None):
    """One request, no redirect followed: (status, lower-cased headers, body)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path or "/", body=body, headers=headers or {})
        response = connection.getresponse()
        headers = {}
        for name, value in response.getheaders():  # a header sent twice reads as one list
            headers[name.lower()] = (
                f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
            )
        return response.status, headers, response.read()
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


# The proxy: deploy/nginx.conf, checked by nginx itself and run in front of a real gunicorn.

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROXY_FILE = BASE_DIR / "deploy" / "nginx.conf"


def proxy_files(tmp: Path, *, listen_port: int, upstream_port: int, site_root: Path) -> Path:
    """A test-local nginx around deploy/nginx.conf, with its three documented lines pointed at
    this test's ports and folder; the rest of the file is used as written."""
    text = PROXY_FILE.read_text()
    for line, ours in {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
        "listen 80 default_server;": f"listen 127.0.0.1:{listen_port} default_server;",
        "root /srv/citytwins;": f"root {site_root};",
    }.items():
        directive = re.compile(rf"^(\s*){re.escape(line)}$", re.MULTILINE)
        text, found = directive.subn(rf"\g<1>{ours}", text)
        assert found == 1, f"deploy/nginx.conf should say {line!r} once"
    (tmp / "citytwins.conf").write_text(text)
    main = tmp / "nginx.conf"
    main.write_text(
        MAIN_CONFIG.format(
            folder=tmp,
            # As root, nginx's workers would run as nobody, who cannot open the test's files.
            user="user root;" if os.geteuid() == 0 else "",
        )
    )
    return main


# What Debian's /etc/nginx/nginx.conf and the official image's give the file, in test folders.
MAIN_CONFIG = """{user}
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/citytwins.conf;
}}
"""


@pytest.fixture
def nginx(tmp_path):
    if not os.path.exists(NGINX):
        service_missing("nginx (apt-get install nginx-light)")
    started = []

    def start(*, upstream_port: int, site_root: Path) -> str:
        folder = tmp_path / "nginx"
        folder.mkdir()
        port = free_port()
        main = proxy_files(
            folder, listen_port=port, upstream_port=upstream_port, site_root=site_root
        )
        process = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(main), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        started.append(process)

        def answering():
            with socket.socket() as sock:
                return sock.connect_ex(("127.0.0.1", port)) == 0

        assert wait_for(answering, timeout=10), process.stderr.read1().decode()
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def test_the_proxy_file_is_valid_for_nginx(tmp_path):
    if not os.path.exists(NGINX):
        service_missing("nginx (apt-get install nginx-light)")
    main = proxy_files(tmp_path, listen_port=free_port(), upstream_port=8000, site_root=tmp_path)
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.mark.browser
@pytest.mark.xdist_group("collected_static")
def test_behind_nginx_an_uploaded_image_is_served_pages_are_compressed_headers_are_the_proxys(
    portal_server, nginx, collected_static, network, page, tmp_path
):
    """deploy/nginx.conf in front of gunicorn: city staff sign in and upload an image in
    Chromium, and the public page shows it from /media/; HTML is gzipped; /healthz answers any
    Host; what a client says in X-Forwarded-* is replaced by what the proxy knows."""
    media = tmp_path / "site" / "media"
    media.mkdir(parents=True)
    staff = UserFactory(email="staff@tornio.fi", city=City.objects.get(slug="tornio"))
    # The server checks passwords as production does, not with the tests' quick hasher.
    staff.password = PBKDF2PasswordHasher().encode(PASSWORD, "tornio-salt")
    staff.save(update_fields=["password"])
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=True)
    upstream = free_port()
    direct = portal_server(
        port=upstream,
        **{**PRODUCTION_ENV, "ALLOWED_HOSTS": "127.0.0.1,citytwins.example.org"},
        STATIC_ROOT=str(collected_static),
        MEDIA_ROOT=str(media),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",  # plain HTTP in this test
        SECURE_PROXY_SSL_HEADER="1",
        GUNICORN_CMD_ARGS="--access-logformat 'forwarded-for=%({x-forwarded-for}i)s %(r)s'",
    )
    proxy = nginx(upstream_port=upstream, site_root=media.parent)

    page.goto(f"{proxy}/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form", has=page.locator("input[name=password]")).locator(
            "button[type=submit]"
        ).click()
    page.goto(f"{proxy}/my/twins/tornio-haparanda/")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "town hall.png", "mimeType": "image/png", "buffer": picture("PNG")}],
    )
    page.get_by_role("button", name="Save").first.click()
    assert "Saved" in page.locator(".messages").inner_text()
    page.goto(f"{proxy}/twins/tornio-haparanda/")
    image = page.locator("img.twin-image")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 120
    source = image.get_attribute("src")
    assert source.startswith("/media/twins/")

    status, headers, body = fetch(proxy + source)
    assert status == 200
    assert headers["content-type"] == "image/png"
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]
    assert body.startswith(b"\x89PNG")
    assert (media / source.removeprefix("/media/")).exists()

    # Uploads are files only: no listing, no writing, no guessing of what a file is.
    assert fetch(f"{proxy}/media/twins/")[0] == 404
    assert fetch(proxy + source, method="POST")[0] == 403
    (media / "twins" / "note.html").write_text("<script>alert(1)</script>")
    status, headers, _ = fetch(f"{proxy}/media/twins/note.html")
    assert (status, headers["content-type"]) == (200, "application/octet-stream")

    status, headers, _ = fetch(f"{proxy}/", {"Accept-Encoding": "gzip"})
    assert (status, headers.get("content-encoding")) == (200, "gzip")
    assert "Accept-Encoding" in headers["vary"]
    assert "server" not in headers or headers["server"] == "nginx"  # no version, no gunicorn

    assert fetch(f"{proxy}/healthz", {"Host": "any.example"})[0] == 200

    # A client claiming HTTPS and another address is not believed through the proxy...
    spoofed = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    status, headers, _ = fetch(f"{proxy}/about/", spoofed)
    assert status == 200
    assert "strict-transport-security" not in headers  # the portal saw plain HTTP
    # gunicorn writes its access log line once the response is out.
    logged = "forwarded-for=127.0.0.1 GET /about/"
    assert wait_for(lambda: logged in portal_server.log(direct), timeout=10)
    assert "203.0.113.9" not in portal_server.log(direct)
    # ...while the portal does believe the header when it comes from where the proxy stands.
    _, headers, _ = fetch(f"{direct}/about/", spoofed)
    assert "strict-transport-security" in headers

    # Twin images are at most 5 MB: such a form passes the proxy; a much larger body does not.
    assert fetch(f"{proxy}/contact/", method="POST", body=b"x" * (5_500_000))[0] != 413
    assert fetch(f"{proxy}/contact/", method="POST", body=b"x" * (7_000_000))[0] == 413


# docker-compose.yml: parsed here, and by docker-compose itself where it is installed.

COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
DOCKER_COMPOSE = shutil.which("docker-compose")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_the_proxy_is_the_one_way_in(compose):
    services = compose["services"]
    assert set(services) == {"proxy", "web", "worker", "beat", "db", "redis", "mailpit"}
    assert services["proxy"]["image"].startswith("nginx:")
    assert services["proxy"]["ports"] == ["8000:80"]
    assert "ports" not in services["web"]
    # gunicorn in the proxy's network namespace: the proxy file's upstream, 127.0.0.1:8000,
    # holds in compose as outside it.
    assert services["web"]["network_mode"] == "service:proxy"
    assert re.search(r"^\s*server 127\.0\.0\.1:8000;$", PROXY_FILE.read_text(), re.MULTILINE)


def test_the_proxy_mounts_its_file_and_the_uploads_where_the_file_says(compose):
    proxy_volumes = compose["services"]["proxy"]["volumes"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy_volumes
    root = re.search(r"^\s*root (\S+);$", PROXY_FILE.read_text(), re.MULTILINE).group(1)
    assert f"media:{root}/media:ro" in proxy_volumes
    # ...the same volume the portal writes uploads to: VAR_DIR/media in the image.
    assert "media:/app/var/media" in compose["services"]["web"]["volumes"]
    assert "VAR_DIR=/app/var" in (BASE_DIR / "Dockerfile").read_text()


def test_compose_has_no_default_secret_key_and_trusts_its_proxy(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["SECURE_PROXY_SSL_HEADER"] == "1"
    assert environment["TRUSTED_PROXY_COUNT"] == "1"


def test_compose_checks_the_deployment_before_gunicorn_starts(compose):
    command = " ".join(compose["services"]["web"]["command"].split())
    assert command.index("migrate") < command.index("check --deploy --fail-level ERROR")
    assert command.index("check --deploy") < command.index("gunicorn -c gunicorn.conf.py")


def docker_compose_config(tmp_path, **env) -> subprocess.CompletedProcess:
    if DOCKER_COMPOSE is None:
        service_missing("docker-compose (apt-get install docker-compose)")
    empty_env_file = tmp_path / "empty.env"  # a developer's own .env must not decide the test
    empty_env_file.write_text("")
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | env
    return subprocess.run(
        [DOCKER_COMPOSE, "--env-file", str(empty_env_file), "-f", str(COMPOSE_FILE), "config"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_docker_compose_config_parses_and_refuses_to_run_without_a_secret_key(tmp_path):
    result = docker_compose_config(tmp_path, SECRET_KEY="a-long-random-value-for-this-test")
    assert result.returncode == 0, result.stderr
    resolved = yaml.safe_load(result.stdout)
    assert resolved["services"]["web"]["environment"]["SECRET_KEY"] == (
        "a-long-random-value-for-this-test"
    )
    result = docker_compose_config(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "set SECRET_KEY to a long random value" in result.stderr


# The Procfile: what `honcho start` runs outside containers.


def test_the_procfile_runs_web_worker_and_beat_with_the_start_up_check():
    processes = dict(
        line.split(": ", 1) for line in (BASE_DIR / "Procfile").read_text().splitlines() if line
    )
    assert set(processes) == {"web", "worker", "beat"}
    web = processes["web"]
    assert web.index("check --deploy --fail-level ERROR") < web.index(
        "gunicorn -c gunicorn.conf.py citytwins.wsgi"
    )
    assert "celery -A citytwins worker" in processes["worker"]
    assert "celery -A citytwins beat" in processes["beat"]
    result = subprocess.run(
        [str(BASE_DIR / ".venv" / "bin" / "honcho"), "check"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Valid procfile detected (web, worker, beat)" in result.stderr + result.stdout
