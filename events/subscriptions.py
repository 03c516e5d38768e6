"""The calendar feeds people subscribe to: all public events, one twin's, one sector's.

Addresses start from SITE_URL, so a subscription made on any page works from anywhere; the
webcal:// form opens the reader's calendar application directly.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from citytwins.links import site_url


def feed_url(**params: str) -> str:
    query = urlencode({name: value for name, value in params.items() if value})
    return site_url(reverse("events:feed")) + (f"?{query}" if query else "")


def webcal_url(url: str) -> str:
    return "webcal://" + url.split("://", 1)[-1]


def feed_links(*, twin=None, sector=None) -> list[dict[str, str]]:
    """(label, https address, webcal address) for the feeds a page offers."""
    feeds = [(_("All public meetings and events"), feed_url())]
    if twin is not None:
        feeds.append(
            (_("Meetings hosted by %(twin)s") % {"twin": twin.name}, feed_url(twin=twin.slug))
        )
    if sector is not None:
        feeds.append(
            (_("Meetings in %(sector)s") % {"sector": sector.name}, feed_url(sector=sector.slug))
        )
    return [{"label": label, "url": url, "webcal": webcal_url(url)} for label, url in feeds]
