"""Who sent a request: the client address every per-address limit counts on.

Behind TRUSTED_PROXY_COUNT proxies (each appending the address it received from to
X-Forwarded-For), the client is the entry that many places from the end. With no proxy (0, the
default) X-Forwarded-For is ignored: anyone can write it, and a limit keyed on it could be reset
at will.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The client's address as the trusted proxies report it, else the connection's."""
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    # Fewer entries than proxies: the request passed fewer of them, and the leftmost entry was
    # written by one of ours.
    candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_network(request) -> str:
    """The client's address for counting: an IPv6 client counts by its /64, which one person
    usually holds whole."""
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return client_ip(request)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
