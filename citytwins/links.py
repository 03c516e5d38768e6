"""Links that leave the site (in emails, files, calendars) start from SITE_URL, never from the
request's host."""

from django.conf import settings
from django.urls import reverse


def site_url(path: str) -> str:
    """The public address of a path on this site."""
    return settings.SITE_URL + path


def absolute_url(name: str, **kwargs) -> str:
    """The public address of a named URL pattern."""
    return site_url(reverse(name, kwargs=kwargs or None))
