"""allauth glued to the portal: invitation only, and its mail written to the outbox, so no
account page talks to SMTP."""

import uuid

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from citytwins.notifications import Kind, notification_send


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """No open sign-up: the secretary invites city staff."""
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render in the request into the outbox; a worker sends it after commit."""
        request = context.get("request") or getattr(self, "request", None)
        ctx = {"email": email, "current_site": get_current_site(request), "request": request}
        ctx.update(context)
        name = template_prefix.rsplit("/", 1)[-1]
        notification_send(
            kind=Kind.ACCOUNT,
            template=template_prefix,
            recipients=[email],
            context=ctx,
            # Every reset or verification is a new email: the key only guards this one write.
            key=f"account:{name}:{uuid.uuid4().hex}",
            subject_prefix=app_settings.EMAIL_SUBJECT_PREFIX or "",
        )
