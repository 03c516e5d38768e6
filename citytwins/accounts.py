"""allauth glued to the portal: invitation only, and its mail written to the outbox, so no
account page talks to SMTP."""

import uuid

from allauth.account import app_settings
from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from citytwins.notifications import Kind, notification_send


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """No open sign-up: the secretary invites city staff."""
        return False

    def get_login_redirect_url(self, request) -> str:
        """City staff land on their city's page, the secretary in the admin (a safe `next`
        given with the sign-in still wins: allauth checks it before asking here)."""
        user = request.user
        if user.city_id is None and user.is_staff:
            return reverse("admin:index")
        return reverse("members:my_home")

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


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")
        self.fields["login"].label = _("Email address")
        for field in self.fields.values():
            if isinstance(field.widget, forms.widgets.Input):
                field.widget.attrs.pop("placeholder", None)
