"""How long a sign-in lasts.

A session ends 12 hours after signing in, or after 30 minutes without a request, unless the
person ticked "Remember me": then it lasts at most 14 days from signing in (SESSION_COOKIE_AGE),
idle or not. allauth's sign-in form sets the session to end with the browser unless "Remember
me" was ticked (SESSION_EXPIRE_AT_BROWSER_CLOSE makes that the default for every other sign-in),
which is how a remembered session is told apart.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

SIGNED_IN_AT = "citytwins.signed_in_at"
SEEN_AT = "citytwins.seen_at"
# The last request is written down at most this often, not on every request.
SEEN_RESOLUTION_SECONDS = 60

clock = time.time


@receiver(user_logged_in, dispatch_uid="citytwins.sessions.signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        now = clock()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def session_over(session) -> str | None:
    """Why the session has ended ("idle" or "age"), or None while it lasts."""
    now = clock()
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    seen_at = session.get(SEEN_AT, signed_in_at)
    if not session.get_expire_at_browser_close():
        return "age" if now - signed_in_at > settings.SESSION_COOKIE_AGE else None
    if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
        return "age"
    if now - seen_at > settings.SESSION_IDLE_SECONDS:
        return "idle"
    if now - seen_at >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now
    return None


class SessionLimitsMiddleware:
    """Signs out a session past its limits before the view runs, and says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = session_over(request.session)
            if reason is not None:
                logout(request)
                if reason == "idle":
                    text = _("You were signed out after 30 minutes without activity.")
                else:
                    text = _("Your sign-in has expired. Please sign in again.")
                messages.info(request, text)
        return self.get_response(request)
