"""Who receives the secretariat's mail, and how the first secretary gets an account."""

import enum
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from citytwins.links import absolute_url
from citytwins.notifications import Kind, notification_send
from members.models import Association, User
from members.roles import SECRETARIAT_GROUP


def secretariat_recipients() -> list[User | str]:
    """The active members of the Secretariat group; while there are none, the secretariat's
    address in the association's record; with neither, no one (the deploy check says so)."""
    secretaries = list(User.objects.secretariat().distinct().order_by("email"))
    if secretaries:
        return secretaries
    address = Association.objects.order_by("pk").values_list("email", flat=True).first()
    return [address] if address else []


class SecretaryRefused(Exception):
    """The account cannot be made a secretary as asked (said in words the operator can act on)."""


class Outcome(enum.StrEnum):
    CREATED = "created"
    PROMOTED = "promoted"
    UNCHANGED = "unchanged"


@dataclass
class SecretaryResult:
    user: User
    outcome: Outcome
    link_sent: bool


def _account_find(email: str) -> User | None:
    """The account with exactly this address, letter case aside.

    The database's case-insensitive match folds letters that are not the same address
    (PostgreSQL's UPPER() turns a dotless ı into I), so its candidates are compared again here.
    """
    for user in User.objects.filter(email__iexact=email):
        if user.email.lower() == email.lower():
            return user
    return None


def _is_complete_secretary(user: User) -> bool:
    return (
        user.is_active
        and user.is_staff
        and user.groups.filter(name=SECRETARIAT_GROUP).exists()
        and EmailAddress.objects.filter(user=user, email=user.email, verified=True).exists()
    )


@transaction.atomic
def secretary_create(*, email: str, name: str = "", promote: bool = False) -> SecretaryResult:
    """An account in the Secretariat group, with admin access and a verified address, and once
    per account a link to choose a password. A secretary already complete is left alone; any
    other existing account is made one only when `promote` says so."""
    email = User.objects.normalize_email(email.strip())
    try:
        validate_email(email)
    except ValidationError as error:
        message = _("%(email)s is not an email address.") % {"email": email}
        raise SecretaryRefused(message) from error
    user = _account_find(email)
    if user is not None and _is_complete_secretary(user):
        return SecretaryResult(user=user, outcome=Outcome.UNCHANGED, link_sent=False)
    if user is None:
        user = User.objects.create_user(email, None, name=name, is_staff=True)
        outcome = Outcome.CREATED
    elif not promote:
        raise SecretaryRefused(
            _(
                "An account for %(email)s exists and is not a secretary. Run the command again "
                "with --promote to give that account the secretariat's rights."
            )
            % {"email": user.email}
        )
    else:
        user.is_staff = user.is_active = True
        fields = ["is_staff", "is_active"]
        if name and not user.name:
            user.name = name
            fields.append("name")
        user.save(update_fields=fields)
        outcome = Outcome.PROMOTED
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    if not address.verified or not address.primary:
        EmailAddress.objects.filter(user=user).exclude(pk=address.pk).update(primary=False)
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    rows = notification_send(
        kind=Kind.ACCOUNT,
        template="members/email/secretary_welcome",
        recipients=[user],
        context={
            "has_password": user.has_usable_password(),
            "password_url": _password_url(user),
            "admin_url": absolute_url("admin:index"),
            "login_url": absolute_url("account_login"),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
            "second_factor": settings.MFA_REQUIRED_FOR_ADMIN,
        },
        key=f"secretary-welcome:{user.pk}",
    )
    return SecretaryResult(user=user, outcome=outcome, link_sent=bool(rows))


def _password_url(user: User) -> str:
    """allauth's own password-reset link: it works until the password changes or it expires."""
    return absolute_url(
        "account_reset_password_from_key",
        uidb36=user_pk_to_url_str(user),
        key=default_token_generator.make_token(user),
    )
