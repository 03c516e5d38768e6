"""Public forms that send mail to the secretary: a few messages per sender and per network address.

Counters live in the default cache (Redis in production, shared by every web process), one fixed
window per limit. While Redis is away the cache counts in each process's memory instead
(citytwins.cache): the limits stay on. The network address is the client's as the trusted proxies
report it (citytwins.clients), the sender's address its one stored spelling.
"""

import hashlib

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from citytwins.addresses import address_normalise
from citytwins.clients import client_network

# Messages per hour from one email address, and from one network address (several people in
# one city hall share an address).
SENDER_LIMIT = 5
NETWORK_LIMIT = 20
WINDOW_SECONDS = 60 * 60


def _count(key: str) -> int:
    """Add one to the window's counter and return it."""
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key) or 0
    except ValueError:
        # The window expired between add and incr: this message opens the next one.
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def sender_allowed(request, *, action: str, address: str) -> bool:
    """Count one message for `action` from this address and this client; False past a limit."""
    digest = hashlib.sha256(address_normalise(address).encode()).hexdigest()
    ip = client_network(request)
    by_sender = _count(f"ratelimit:{action}:address:{digest}")
    by_network = _count(f"ratelimit:{action}:ip:{ip}")
    return by_sender <= SENDER_LIMIT and by_network <= NETWORK_LIMIT


LIMIT_REACHED = _(
    "You have sent several messages in a short time. Please try again in an hour, or write to "
    "the secretariat by email."
)
