"""gunicorn's worker class, compared on a shared machine: sync against gthread, page by page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citytwins_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python benchmarks/workers.py

Starts one gunicorn per configuration (production settings, the record-size database that
benchmarks/pages.py prepares as `<name>_record`), all at once, and drives `wrk` against each in
turn, page by page and round by round, so that whatever else the machine runs at that moment
weighs on every configuration alike. Prints requests/s per page and configuration (the median of
the rounds), with the anonymous page cache on and off. Not a test.
"""

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (
    PAGES,
    database_prepare,
    database_url,
    manage,
    production_env,
    resolve,
    server_start,
    wrk,
)

CONFIGURATIONS = {
    "sync 2": {"workers": 2, "worker_class": "sync", "threads": 1},
    "sync 4": {"workers": 4, "worker_class": "sync", "threads": 1},
    "gthread 2x4": {"workers": 2, "worker_class": "gthread", "threads": 4},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="on,off")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL; _record is appended) and REDIS_URL.")
    env = {**production_env(), "DATABASE_URL": database_url(base_url, "record")}
    try:
        manage(env, "collectstatic", "--noinput")
        database_prepare(env, "record", 1)
        for cache in args.cache.split(","):
            env["PAGE_CACHE"] = "1" if cache == "on" else "0"
            servers = {
                name: server_start(env, SimpleNamespace(**options))
                for name, options in CONFIGURATIONS.items()
            }
            try:
                print(f"\n### Anonymous page cache {cache}\n")
                print("| page | " + " | ".join(f"{name} req/s" for name in servers) + " |")
                print("|---|" + "---:|" * len(servers))
                for label, path in PAGES:
                    concrete = resolve(next(iter(servers.values()))[1], path)
                    rates = {name: [] for name in servers}
                    for _ in range(args.rounds):
                        for name, (_process, base) in servers.items():
                            wrk(base + concrete, seconds=1, connections=args.connections, threads=2)
                            rate, _latency, _errors = wrk(
                                base + concrete,
                                seconds=args.duration,
                                connections=args.connections,
                                threads=2,
                            )
                            rates[name].append(rate)
                    cells = " | ".join(f"{statistics.median(rates[name]):,.0f}" for name in servers)
                    print(f"| {label} | {cells} |", flush=True)
            finally:
                for process, _base in servers.values():
                    process.terminate()
                    process.wait(timeout=30)
    finally:
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
