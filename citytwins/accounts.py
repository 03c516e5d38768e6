"""allauth glued to the portal: invitation only; one spelling of an address for signing in and for
resets; limits keyed on what they protect; mail written to the outbox with links from SITE_URL.

Everything here overrides allauth through its documented hooks (ACCOUNT_ADAPTER, ACCOUNT_FORMS);
nothing patches allauth itself.
"""

import logging
import uuid
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account import app_settings
from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.fields import EmailField
from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citytwins.addresses import address_as_typed, address_normalise, addresses_match
from citytwins.clients import client_ip
from citytwins.links import site_url
from citytwins.notifications import SITE_NAME, Kind, notification_send

logger = logging.getLogger(__name__)

# What the address column holds (allauth's and ours): a longer one is a form error, not a 500.
ADDRESS_MAX_LENGTH = 254


@dataclass(frozen=True)
class PublicSite:
    """What allauth's templates read as `current_site`: the public address, never the request's."""

    domain: str
    name: str


def public_site() -> PublicSite:
    return PublicSite(domain=urlsplit(settings.SITE_URL).netloc, name=SITE_NAME)


def account_holds(user, address: str) -> bool:
    """True when `address` (a normal form) is the account's own or one of its allauth addresses."""
    return (
        addresses_match(address, user.email)
        or EmailAddress.objects.filter(user=user, email=address).exists()
    )


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """No open sign-up: the secretary invites city staff."""
        return False

    def get_login_redirect_url(self, request) -> str:
        """City staff land on their city's page, the secretary in the admin (a safe `next`
        given with the sign-in still wins: allauth checks it before asking here), in their
        language."""
        user = request.user
        if user.city_id is None and user.is_staff:
            return reverse("admin:index")
        with translation.override(user.preferred_language):
            return reverse("members:my_home")

    def clean_email(self, email: str) -> str:
        """An address a person adds is stored in its one spelling."""
        normal = address_normalise(super().clean_email(email))
        if len(normal) > ADDRESS_MAX_LENGTH:
            raise ValidationError(
                ngettext(
                    "An email address has at most %(limit)d character.",
                    "An email address has at most %(limit)d characters.",
                    ADDRESS_MAX_LENGTH,
                ),
                params={"limit": ADDRESS_MAX_LENGTH},
                code="max_length",
            )
        return normal

    def get_client_ip(self, request) -> str:
        """The client as the trusted proxies report it (TRUSTED_PROXY_COUNT), for every limit."""
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The per-account limit keys on the address alone: not the request's host or port, not
        the spelling typed (every spelling of an address spends one budget)."""
        login = credentials.get("email") or credentials.get("username") or ""
        return f"account:{address_normalise(login)}"

    def authenticate(self, request, **credentials):
        """Sign in by the stored spelling only. A spelling that normalising changes beyond letter
        case names no account; an account found must hold the address typed (CVE-2019-19844).
        Either way a failure spends the limits and costs one password hash, like any other."""
        typed = credentials.get("email") or credentials.get("username") or ""
        normal = address_as_typed(typed)
        self.pre_authenticate(request, **credentials)
        user = None
        if normal is None:
            get_user_model()().set_password(credentials.get("password") or "")
        else:
            AuthenticationBackend.unstash_authenticated_user()
            found = authenticate(request, email=normal, password=credentials.get("password"))
            # An inactive account with the right password is stashed, to be told it is inactive.
            user = found or AuthenticationBackend.unstash_authenticated_user()
            if user is not None and not account_holds(user, normal):
                user = None
        if user is None:
            self.authentication_failed(request, **credentials)
        else:
            self._rollback_login_failed_rl_usage()
        return user

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        """Only to an address already on the account and verified, spelled as it is stored."""
        address = address_as_typed(email)
        verified = (
            address is not None
            and EmailAddress.objects.filter(user=user, email=address, verified=True).exists()
        )
        if not verified:
            logger.warning("password reset for account %s not sent: address not verified", user.pk)
            return
        self.send_mail("account/email/password_reset_key", address, context)

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_account_already_exists_mail(self, email: str) -> None:
        context = {
            "signup_url": site_url(reverse("account_signup")),
            "password_reset_url": site_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render into the outbox (a worker sends it after commit). Links and the site's name come
        from SITE_URL: a link allauth built from the request is moved there too."""
        request = context.get("request") or getattr(self, "request", None)
        ctx = {"email": email, **context, "current_site": public_site()}
        ctx.pop("request", None)
        if request is not None:
            origin = f"{request.scheme}://{request.get_host()}"
            for name, value in ctx.items():
                if isinstance(value, str) and value.startswith(origin + "/"):
                    ctx[name] = site_url(value.removeprefix(origin))
        name = template_prefix.rsplit("/", 1)[-1]
        # Mail to an account's own address is written in its holder's language.
        user = ctx.get("user")
        holder = getattr(user, "email", None)
        recipient = user if holder and addresses_match(email, holder) else email
        notification_send(
            kind=Kind.ACCOUNT,
            template=template_prefix,
            recipients=[recipient],
            context=ctx,
            # Every reset or verification is a new email: the key only guards this one write.
            key=f"account:{name}:{uuid.uuid4().hex}",
            subject_prefix=app_settings.EMAIL_SUBJECT_PREFIX or "",
        )


class PasswordResetForm(ResetPasswordForm):
    """A reset goes to an active account's verified address, found by its stored spelling only.

    allauth's form mails the spelling typed; here a look-alike spelling finds no one, so nothing
    is sent (unknown addresses get no mail either: ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS is off).
    """

    email = EmailField(required=True, max_length=ADDRESS_MAX_LENGTH)

    def clean_email(self) -> str:
        typed = self.cleaned_data["email"]
        normal = address_as_typed(typed)
        addresses = EmailAddress.objects.none()
        if normal is not None:
            addresses = EmailAddress.objects.filter(
                email=normal, verified=True, user__is_active=True
            ).select_related("user")
        self.users = [address.user for address in addresses]
        return normal or typed


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")
        self.fields["login"].label = _("Email address")
        for field in self.fields.values():
            if isinstance(field.widget, forms.widgets.Input):
                field.widget.attrs.pop("placeholder", None)
