"""Public forms that send mail to the secretary: a few messages per sender and per network address.

Counters live in the cache (Redis in production, shared by every web process), one fixed window
per limit. A cache that is away lets the message through: a lost contact is worse than a robot.
"""

import hashlib

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

# Messages per hour from one email address, and from one network address (several people in
# one city hall share an address).
SENDER_LIMIT = 5
NETWORK_LIMIT = 20
WINDOW_SECONDS = 60 * 60


def _count(key: str) -> int:
    """Add one to the window's counter and return it; 0 when the cache does not answer."""
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key) or 0
    except ValueError:
        # The window expired between add and incr: this message opens the next one.
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def sender_allowed(request, *, action: str, address: str) -> bool:
    """Count one message for `action` from this address and this client; False past a limit."""
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    ip = get_adapter(request).get_client_ip(request)
    by_sender = _count(f"ratelimit:{action}:address:{digest}")
    by_network = _count(f"ratelimit:{action}:ip:{ip}")
    return by_sender <= SENDER_LIMIT and by_network <= NETWORK_LIMIT


LIMIT_REACHED = _(
    "You have sent several messages in a short time. Please try again in an hour, or write to "
    "the secretariat by email."
)
