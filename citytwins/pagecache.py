"""Public pages kept for anonymous visitors in the `pages` cache, and never shown stale.

What is kept. A view opts in with `@cache_public_page` (public lists and pages, feeds, CSV;
never a form, /my/, /accounts/ or the admin). Only a GET (also served to HEAD) from an anonymous
visitor with no message pending is answered from the cache; only its answer is kept, and only
when it is a 200, not streamed, private to nobody, and sets no cookie, uses no CSRF token and
no CSP nonce (those three belong to one visitor). Signed-in people never get a kept page and
never add one, and a view that varies on a request header (Vary) other than Accept-Encoding
(the cache's own) is not kept; nor is one that sets attributes for the middleware
(`csp_override`, `xframe_options_exempt`), which a kept page would lose. No `max-age` goes to
browsers and proxies: they could not learn of a change.

How: compressed once. What is kept is what a hit needs, not the response object: the
generation, the status, the headers and the body, the body gzip-compressed when it is kept if
that is worth it (1 KiB or more, of a text type: HTML, CSV, iCalendar, JSON, XML, SVG; never a
workbook, already compressed), so a hit reads and sends a quarter to an eighth of the bytes of
the big pages (the map's SVG, the feed, the CSV). A client whose Accept-Encoding accepts gzip
(with a quality above 0: `gzip;q=0` refuses it) gets those bytes as they are, with
`Content-Encoding: gzip`; any other gets them decompressed (under a millisecond for the feed),
the very bytes the view rendered. The GET that keeps a page is answered as the hits after it,
and every answer of a `cache_public_page` view (and the 304s of `conditional_on_content`)
carries `Vary: Accept-Encoding`, so no shared cache hands the compressed form to a client that
did not ask for it. The weak ETag stays right for both forms: they are the same content.

BREACH: compression leaks, through the size of the answer, whether text the attacker put in a
request (a query string) repeats a secret in the same body. Only pages with no secret are
compressed here: a kept page is one anonymous visitors all share, with no CSRF token, no CSP
nonce, no cookie and nothing of a signed-in person (the rules above), so all it could reveal
is already public. For the same reason it needs none of GZipMiddleware's random padding, and
its compressed bytes are the same on every hit.

Keys: what an anonymous page depends on, the parts of Django's own `cache_page` key
(django.utils.cache): the full URL with its query string, the active language and the time
zone; so `/fi/...` pages and other languages are kept apart without more code here. Built here
in one piece rather than with `get_cache_key` / `learn_cache_key`, so that a hit is one Redis
round trip (the generation and the page read together): measured on the 2-core machine, the
learned header list and the generation read apart made three, and Redis round trips were
most of a hit's cost. The keys start with `page2:` since the kept form changed (it was a
pickled response), so that during a deploy old and new processes never read each other's.

Invalidation: a content generation. One random token in the pages cache names the current
state of the content; every page is kept with the generation it was rendered under, and is
served only while that is still the current one. A change to content replaces the token, which
outdates every page kept before at once: a save or delete of a content model or a change of
its many-to-many relations (each app names its content models in its AppConfig.ready with
`content_watch`; event registrations count, as public pages show their numbers), and bulk
writes that bypass signals, which call `content_changed()` themselves (load_network,
generate_network). A random token, not a counter: a counter lost with Redis (eviction, restart)
would start again at a number that names pages kept before; a fresh random token never does.

Transactions: the token is replaced after the change commits (`transaction.on_commit`), never
at save time. Replaced at save time, a request between the save and the commit could read the
new token, then the old rows (the change is not committed yet), and keep them under the new
token: stale until the next change. Replaced after the commit, a request that reads the new
token (before its first query) reads the committed rows, since under READ COMMITTED each
statement sees what was committed before it started. A request that read the old token may keep
newer rows under it: harmless, the page is not served once the token changed. A rolled-back change
replaces nothing.

Failure: the cache is an optimisation. While Redis does not answer, pages are rendered as with
caching off (never a 500), and Redis is left alone for a few seconds so a request pays at most
one timeout. Unlike the default cache there is no in-memory fallback: a process's own memory
would not hear of changes made in other processes. A change that cannot replace the token while
Redis is away is owed: this process replaces it at its next successful contact. What stays
stale in spite of that (a change made by a process that exits while Redis is away; content that
changes with time alone, such as an event starting or a registration opening) lasts at most
PAGE_CACHE_SECONDS, the timeout of every kept page.

Conditional GET: `content_etag` gives Django's `condition` decorator an ETag made of the
generation and the language, for anonymous requests while caching is on, so a calendar app or a
script asking again with If-None-Match gets a 304 without a page being rendered or read.
"""

import gzip
import logging
import secrets
import time
from functools import lru_cache, wraps
from hashlib import md5

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_header_parameters, split_header_value
from django.utils.text import compress_string
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from django.views.decorators.http import condition
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "content-generation"
# After a failure Redis is left alone for this long, so a request pays at most one timeout.
PAUSE_SECONDS = 5.0
# Smaller bodies gain a few hundred bytes at most from compression.
COMPRESS_FROM_BYTES = 1024
COMPRESSIBLE_TYPES = ("application/json", "application/xml", "application/javascript")
# Set on a response by view decorators for the middleware: a kept page would lose them.
MIDDLEWARE_ATTRIBUTES = ("_csp_config", "_csp_ro_config", "xframe_options_exempt")

# Per process: when to try the pages cache again, and whether a change is owed to it.
_state = {"paused_until": 0.0, "change_owed": False}


def _cache():
    return caches[ALIAS]


def _failed(what: str, error: Exception) -> None:
    _state["paused_until"] = time.monotonic() + PAUSE_SECONDS
    logger.warning("page cache: %s failed (%s); pages are rendered uncached meanwhile", what, error)


def _available() -> bool:
    return time.monotonic() >= _state["paused_until"]


def content_changed() -> None:
    """Make every kept page unreachable: call after a bulk write that sends no signals."""
    if not _available():
        _state["change_owed"] = True
        return
    try:
        _cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except RedisError as error:
        _state["change_owed"] = True
        _failed("recording a change", error)
    else:
        _state["change_owed"] = False


def content_changed_on_commit(*, using: str | None = None, **kwargs) -> None:
    """The receiver of the content models' signals: replace the generation after commit."""
    transaction.on_commit(content_changed, using=using or DEFAULT_DB_ALIAS, robust=True)


def content_watch(app_config, *, private: tuple[str, ...] = ()) -> None:
    """Connect every model of the app, except those named private (seen by no public page) and
    the history tables (written beside the model they record), to `content_changed_on_commit`.
    A model added later counts as content until it is named here: a kept page can only be too
    fresh, never stale."""
    for model in app_config.get_models():
        if model.__name__ in private or hasattr(model, "instance_type"):
            continue
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(content_changed_on_commit, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed_on_commit, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                content_changed_on_commit,
                sender=through,
                dispatch_uid=f"pagecache:{through._meta.label}",
            )


def _page_key(request) -> str:
    url = md5(request.build_absolute_uri().encode("ascii"), usedforsecurity=False).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", None) or get_language()
    return f"page2:{url}:{language}:{get_current_timezone_name()}"


def _read(request) -> tuple[str | None, object]:
    """The current generation and what is kept for this request's page, read together in one
    round trip, once per request; (None, None) while caching is off or the cache does not
    answer."""
    if hasattr(request, "_page_read"):
        return request._page_read
    if not settings.PAGE_CACHE_SECONDS or not _available():
        return None, None
    cache, key = _cache(), _page_key(request)
    try:
        if _state["change_owed"]:
            content_changed()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # First use, or lost: a new token, never one that named pages kept before.
            cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
            generation = cache.get(GENERATION_KEY)
    except RedisError as error:
        _failed("reading the cache", error)
        return None, None
    request._page_read = (generation, found.get(key))
    return request._page_read


def content_generation(request) -> str | None:
    """The current generation, or None while caching is off or the cache does not answer."""
    return _read(request)[0]


def _anonymous_without_messages(request) -> bool:
    return not request.user.is_authenticated and not len(get_messages(request))


def _varies_on_a_header(response) -> bool:
    """Whether the answer depends on a request header other than Accept-Encoding."""
    vary = split_header_value(response.get("Vary", ""))
    return any(header.lower() != "accept-encoding" for header in vary)


def _keepable(request, response) -> bool:
    """Nothing in the answer belongs to this visitor alone, or depends on a request header."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _varies_on_a_header(response)
        and not response.has_header("Content-Encoding")
        and not any(hasattr(response, name) for name in MIDDLEWARE_ATTRIBUTES)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and not request.session.modified
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not get_nonce(request)
        and not len(get_messages(request))
        and not request.user.is_authenticated
    )


def _compressible(response) -> bool:
    media_type, _ = parse_header_parameters(response.get("Content-Type", ""))
    return len(response.content) >= COMPRESS_FROM_BYTES and (
        media_type.startswith("text/")
        or media_type in COMPRESSIBLE_TYPES
        or media_type.endswith(("+xml", "+json"))
    )


def _kept(generation: str, response) -> tuple[str, int, dict[str, str], str, bytes]:
    """What a hit needs: (generation, status, headers, content coding, body), the body
    compressed once here when that is worth it."""
    body, coding = response.content, ""
    if _compressible(response):
        compressed = compress_string(body)
        if len(compressed) < len(body):
            body, coding = compressed, "gzip"
    headers = {
        name: value for name, value in response.headers.items() if name.lower() != "content-length"
    }
    return generation, response.status_code, headers, coding, body


@lru_cache(maxsize=64)
def _accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding value accepts gzip (RFC 9110, 12.5.3): named, or as x-gzip,
    or else covered by `*`, with a quality above 0. GZipMiddleware only looks for the word, and
    would send gzip to `gzip;q=0`. Browsers send a handful of values, hence the cache."""
    qualities = {}
    for coding in accept_encoding.split(","):
        try:
            name, params = parse_header_parameters(coding)
            qualities[name] = float(params.get("q", 1))
        except ValueError:
            continue
    for name in ("gzip", "x-gzip", "*"):
        if name in qualities:
            return qualities[name] > 0
    return False


def _vary_on_encoding(response):
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _answer(request, kept) -> HttpResponse:
    """A kept page, compressed for a client that accepts gzip, as rendered for any other."""
    _, status, headers, coding, body = kept
    response = HttpResponse(status=status, headers=headers)
    if coding and _accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response.headers["Content-Encoding"] = coding
        etag = response.get("ETag", "")
        if etag.startswith('"'):  # a strong ETag names one form's bytes (RFC 9110, 8.8.1)
            response.headers["ETag"] = f"W/{etag}"
    elif coding:
        body = gzip.decompress(body)
    response.content = body
    response.headers["Content-Length"] = str(len(body))
    return _vary_on_encoding(response)


def cache_public_page(view):
    """Answer anonymous GET and HEAD requests from the pages cache; keep what is keepable."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or not _anonymous_without_messages(request)
        ):
            return _vary_on_encoding(view(request, *args, **kwargs))
        generation, kept = _read(request)
        if generation is None:
            return _vary_on_encoding(view(request, *args, **kwargs))
        if kept is not None and kept[0] == generation:
            return _answer(request, kept)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not _keepable(request, response):
            return _vary_on_encoding(response)
        kept = _kept(generation, response)
        try:
            _cache().set(_page_key(request), kept, settings.PAGE_CACHE_SECONDS)
        except RedisError as error:
            _failed("keeping a page", error)
        return _answer(request, kept)

    return cached_view


def content_etag(request, *args, **kwargs) -> str | None:
    """An ETag for `condition`: the generation and the language, for anonymous requests."""
    if request.user.is_authenticated:
        return None
    generation = content_generation(request)
    if generation is None:
        return None
    return f'W/"{generation}-{get_language()}"'


def conditional_on_content(view):
    """For feeds and files: 304 when nothing changed since the client's copy. The 304 varies
    on Accept-Encoding as the page would (RFC 9110, 15.4.5)."""
    conditional = condition(etag_func=content_etag)(view)

    @wraps(view)
    def conditional_view(request, *args, **kwargs):
        return _vary_on_encoding(conditional(request, *args, **kwargs))

    return conditional_view
