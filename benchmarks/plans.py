"""How PostgreSQL reads each filtered or sorted public list: the plan node on the large table
and the median execution time of its page query (EXPLAIN ANALYZE, five runs). Not a test.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citytwins_bench_large \\
    .venv/bin/python benchmarks/plans.py

Run it on the large database `benchmarks/pages.py` prepares (or any database `generate_network`
filled), after `VACUUM ANALYZE`, as autovacuum leaves a database in use. It prints one Markdown
row per list, as in benchmarks/RESULTS.md.
"""

import os
import re
import statistics
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citytwins.settings")

# (page, the large table its page of rows comes from, label)
LISTS = [
    ("/", "projects_project", "home: latest 3 published projects"),
    ("/", "projects_practice", "home: latest 3 published practices"),
    ("/projects/", "projects_project", "/projects/ page 1 (latest start)"),
    ("/projects/?sort=start", "projects_project", "/projects/?sort=start"),
    ("/projects/?sort=title", "projects_project", "/projects/?sort=title"),
    ("/projects/?status=running", "projects_project", "/projects/?status=running"),
    ("/projects/?sector=culture", "projects_project", "/projects/?sector=culture"),
    ("/practices/", "projects_practice", "/practices/ page 1"),
    ("/practices/?kind=bad", "projects_practice", "/practices/?kind=bad"),
    ("/events/", "events_event", "/events/ upcoming page 1"),
    ("/events/?when=past", "events_event", "/events/?when=past page 1"),
    ("/events/?kind=seminar", "events_event", "/events/?kind=seminar"),
]
NODE = (
    r"(?:Index Only Scan|Index Scan Backward|Index Scan|Bitmap Heap Scan|Seq Scan)(?: using \w+)?"
)


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database that generate_network filled.")
    client = Client()
    print("| list | plan on the large table | ms (median of 5) |\n|---|---|---:|")
    for url, table, label in LISTS:
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        sql = next(
            (q["sql"] for q in context.captured_queries
             if re.match(rf'SELECT "{table}"\."id"', q["sql"]) and "LIMIT" in q["sql"]),
            None,
        )  # fmt: skip
        if sql is None:
            print(f"| {label} | (empty list) | |")
            continue
        times, plan = [], ""
        for _ in range(5):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            times.append(float(re.search(r"Execution Time: ([\d.]+)", plan).group(1)))
        node = re.search(rf"{NODE} on {table}", plan)
        sort = "then a sort" if re.search(r"Sort Key", plan) else "in index order"
        print(f"| {label} | {node.group(0) if node else '?'}, {sort} | "
              f"{statistics.median(times):.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
