"""gunicorn's settings for the portal. Every gunicorn command names this file
(`gunicorn -c gunicorn.conf.py citytwins.wsgi`): the Procfile, docker-compose.yml, the Dockerfile
and the tests. Options on the command line or in GUNICORN_CMD_ARGS override these.
"""

import os

from gunicorn.http import wsgi

# Loopback only: the proxy in front (deploy/nginx.conf, whose upstream is this address) is the
# one way in. In docker-compose.yml gunicorn shares the proxy's network namespace, so the same
# address holds there.
bind = "127.0.0.1:8000"
# Threads, chosen by measurement (benchmarks/workers.py; benchmarks/RESULTS.md, "Worker
# class"): on this 2-core machine, production settings, PostgreSQL and Redis at the record's
# size, wrk with 32 connections, the configurations driven in turn page by page, 2 workers x 4
# threads (gthread) answered more requests per second than 2 or 4 sync workers on every cached
# page, e.g. a twin's page 1,090 req/s against 369 (sync 2) and 399 (sync 4), the directory 680
# against 232 and 184, and on 8 of the 11 pages uncached (those figures were swamped by the
# other work on the machine). A request spends much of its time waiting on PostgreSQL and Redis
# round trips; a thread fills that wait where a sync worker idles, and threads cost less memory
# and fewer pool connections than processes. Rendering holds the GIL, so one process per core.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# Each process keeps up to DATABASE_POOL_SIZE connections (4 by default: one per thread):
# budget workers x pool size against PostgreSQL's max_connections. WEB_CONCURRENCY is
# gunicorn's own name for the process count.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
graceful_timeout = 30
accesslog = "-"
# The proxy sets X-Forwarded-Proto; gunicorn trusts it from the loopback only (its default),
# and Django reads it through SECURE_PROXY_SSL_HEADER.
forwarded_allow_ips = "127.0.0.1,::1"
# gunicorn 25.1+ opens a control socket in $HOME/.gunicorn by default, shared by every gunicorn
# of that user and of use to nothing here: the process manager (honcho, compose) restarts it.
control_socket_disable = True


# No `Server: gunicorn` header: the name and, in other versions, the version of the server are
# of use to nobody but someone looking for a known weakness. gunicorn 27 writes the header in
# Response.default_headers() and has no setting for it; workers are forked from this process,
# so they inherit the change.
_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server
