"""allauth glued to the portal: invitation only, and its mail sent by a worker, not the request."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site

from citytwins.tasks import email_send


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """No open sign-up: the secretary invites city staff."""
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render in the request; hand the sending to Celery so no page waits on SMTP."""
        request = context.get("request") or getattr(self, "request", None)
        ctx = {"email": email, "current_site": get_current_site(request), "request": request}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        email_send.delay_on_commit(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            html=next(
                (content for content, mimetype in message.alternatives if mimetype == "text/html"),
                None,
            ),
            headers=dict(message.extra_headers),
        )
