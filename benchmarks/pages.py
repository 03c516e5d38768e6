"""Page throughput: the portal's public pages under load, each as a ratio to a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citytwins_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/pages.py

For each data size it prepares a database of its own (`<name>_record`: the association's record with
the demo content; `<name>_large`: the same plus `generate_network` at the large size), starts
gunicorn with production settings on it, warms every page up, and drives `wrk` against a bare view
behind the full middleware stack (`/bench/hello`, routed only with BENCHMARK=1) and each page, in
the same run, so the ratio to the bare view compares like with like. It prints requests/s, p50 and
p99 latency, the ratio, and each page's query count (read from the X-Query-Count header the
benchmark setting adds on request). Not a test.

wrk asks for every page, the bare view's included, as a browser does, with `Accept-Encoding:
gzip, deflate, br, zstd`, so kept pages are answered as browsers get them: gzip-compressed (see
citytwins/pagecache.py). And with `Connection: close`, a connection per request, as gunicorn gets
them in production from nginx (deploy/nginx.conf keeps no upstream connection alive): with
kept-alive connections, wrk's 32 are shared out between the two worker processes once, at the
start of a run, and a run where one process got most of them measured one core (the same page
gave 552, 637, 269 and 679 requests/s in four runs of 4 s; with a connection per request 523,
525, 539 and 644). The pages read to find links and query counts are fetched with urllib,
which asks for no compression (it sends `Accept-Encoding: identity`), so their text is plain.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# (label, path or a list page and the pattern of its first detail link)
PAGES = [
    ("bare view (ceiling)", "/bench/hello"),
    ("home", "/"),
    ("directory", "/twins/"),
    ("a twin's page", ("/twins/", r'href="(/twins/[\w-]+/)"')),
    ("projects", "/projects/"),
    ("a project's page", ("/projects/", r'href="(/projects/[\w-]+/)"')),
    ("practices", "/practices/"),
    ("events", "/events/"),
    ("an event's page", ("/events/", r'href="(/events/[\w-]+/)"')),
    ("events feed", "/events/feed.ics"),
    ("directory CSV", "/twins.csv"),
    ("sectors", "/sectors/"),
]
LARGE = {"twins": 500, "projects": 5000, "events": 2000, "members": 20000}
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


@dataclass
class Result:
    page: str
    path: str
    status: int
    queries: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio: float = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(base: str, suffix: str) -> str:
    parts = urllib.parse.urlsplit(base)
    return parts._replace(path=f"{parts.path.rstrip('/')}_{suffix}").geturl()


def manage(env: dict, *args: str) -> str:
    completed = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout


def database_prepare(env: dict, size: str, seed: int) -> None:
    """Create, migrate and fill the size's database; a second run adds nothing."""
    name = urllib.parse.urlsplit(env["DATABASE_URL"]).path.strip("/")
    created = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, text=True
    )
    if created.returncode and "already exists" not in created.stderr:
        raise SystemExit(created.stderr)
    manage(env, "migrate", "--noinput")
    print(manage(env, "load_network", "--demo").strip())
    if size == "large":
        started = time.monotonic()
        sizes = [f"--{key}={value}" for key, value in LARGE.items()]
        manage(env, "generate_network", *sizes, f"--seed={seed}")
        print(f"generate_network at the large size: {time.monotonic() - started:.0f} s")


def server_start(env: dict, args) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [
        PYTHON, "-m", "gunicorn", "citytwins.wsgi",
        "-b", f"127.0.0.1:{port}", "-w", str(args.workers), "-k", args.worker_class,
        "--threads", str(args.threads), "--log-level", "warning",
    ]  # fmt: skip
    config = BASE_DIR / "gunicorn.conf.py"
    if config.exists():
        command[4:4] = ["-c", str(config)]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def server_stop(server: subprocess.Popen) -> None:
    """Stop gunicorn; requests still queued after its graceful timeout are cut."""
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(url: str, **headers: str) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers


def resolve(base: str, path) -> str | None:
    """A fixed path, or the first detail link of a list page."""
    if isinstance(path, str):
        return path
    list_path, pattern = path
    status, body, _ = fetch(base + list_path)
    match = re.search(pattern, body) if status == 200 else None
    return match.group(1) if match else None


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def production_env() -> dict[str, str]:
    """Production settings on plain HTTP at 127.0.0.1, /bench/hello routed, static files in a
    fresh folder (collectstatic fills it)."""
    static_root = Path(tempfile.mkdtemp(prefix="citytwins-bench-static-"))
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "EMAIL_URL": "smtp://127.0.0.1:1",
        "STATIC_ROOT": str(static_root),
        "BENCHMARK": "1",
        "LOG_LEVEL": "WARNING",
    }


def wrk(url: str, *, seconds: int, connections: int, threads: int) -> tuple[float, dict, int]:
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", f"Accept-Encoding: {BROWSER_ACCEPT_ENCODING}", "-H", "Connection: close", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    count = int(errors.group(1)) if errors else 0
    if socket_errors:
        count += sum(int(n) for n in socket_errors.groups())
    return rate, latency, count


def settle(base: str, timeout: float = 180) -> None:
    """Wait until the server has worked off what the last run left queued (an uncached page
    leaves gunicorn's backlog full when wrk stops): /healthz answers within a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5)
        except OSError:
            time.sleep(0.5)
            continue
        if time.monotonic() - started < 1:
            return
    print("  the server is still busy after 180 s; measuring anyway")


def measure(base: str, args) -> list[Result]:
    """Each page in turn, the bare view first and again last: the ceiling is the mean of the two,
    so a page measured while the machine was busier or quieter is not compared with a ceiling
    taken at another moment alone (the first run after start-up also pays for cold threads)."""
    results = []
    for label, path in [*PAGES, PAGES[0]]:
        settle(base)
        concrete = resolve(base, path)
        if concrete is None:
            print(f"  {label}: no such page here, skipped")
            continue
        status, _, headers = fetch(base + concrete, **{"X-Count-Queries": "1"})
        queries = headers.get("X-Query-Count", "?")
        if status != 200:
            print(f"  {label} ({concrete}): answers {status}, skipped")
            continue
        url = base + concrete
        wrk(url, seconds=args.warmup, connections=args.connections, threads=2)
        rate, latency, errors = wrk(
            url, seconds=args.duration, connections=args.connections, threads=2
        )
        result = Result(label, concrete, status, queries, rate, latency.get("50", 0),
                        latency.get("99", 0), errors)  # fmt: skip
        print(f"  {label:<22} {rate:9.0f} req/s  p50 {result.p50_ms:7.1f} ms  p99 "
              f"{result.p99_ms:7.1f} ms  queries {queries}")  # fmt: skip
        results.append(result)
    bare = [result for result in results if result.path == "/bench/hello"]
    if len(bare) == 2:
        first, last = bare
        results.remove(last)
        rates = f"{first.requests_per_second:,.0f} first, {last.requests_per_second:,.0f} last"
        print(f"  bare view: {rates}")
        first.page = f"bare view (ceiling: mean of {rates})"
        first.requests_per_second = (first.requests_per_second + last.requests_per_second) / 2
    ceiling = bare[0].requests_per_second if bare else 0
    for result in results:
        result.ratio = result.requests_per_second / ceiling if ceiling else 0.0
    return results


def table(title: str, results: list[Result]) -> str:
    lines = [
        f"### {title}",
        "",
        "| page | path | requests/s | p50 ms | p99 ms | ratio to bare view | queries |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.page} | `{r.path}` | {r.requests_per_second:,.0f} | {r.p50_ms:.1f} | "
            f"{r.p99_ms:.1f} | {r.ratio:.0%} | {r.queries} |"
            + (f" ⚠ {r.errors} errors" if r.errors else "")
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="record,large", help="record, large, or both")
    parser.add_argument("--cache", default="on,off", help="anonymous page caching: on, off, both")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=32)
    # gunicorn.conf.py's own choice (benchmarks/workers.py compares the classes).
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="per worker (gthread)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL; _record and _large are appended) and REDIS_URL.")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    production = production_env()
    manage(production, "collectstatic", "--noinput")
    report = {"command": " ".join(sys.argv), "runs": []}
    try:
        for size in args.sizes.split(","):
            env = {**production, "DATABASE_URL": database_url(base_url, size)}
            database_prepare(env, size, args.seed)
            for cache in args.cache.split(","):
                env["PAGE_CACHE"] = "1" if cache == "on" else "0"
                print(f"\n{size} data, page cache {cache}:")
                server, base = server_start(env, args)
                try:
                    results = measure(base, args)
                finally:
                    server_stop(server)
                title = f"{size} data, anonymous page cache {cache}"
                print("\n" + table(title, results))
                report["runs"].append({"title": title, "results": [asdict(r) for r in results]})
    finally:
        shutil.rmtree(production["STATIC_ROOT"], ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
