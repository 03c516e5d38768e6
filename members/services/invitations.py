"""Invitations: a 14-day link to choose a password, or a sign-in link for an existing account."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citytwins.addresses import address_normalise
from citytwins.links import absolute_url
from citytwins.notifications import Kind, notification_send
from members.models import (
    INVITATION_VALIDITY,
    City,
    Invitation,
    User,
    country_language,
)


class InvitationRefused(Exception):
    """The person cannot be invited to this city (said in words the secretary can act on)."""


@dataclass
class InvitationOutcome:
    invitation: Invitation | None
    existing_user: User | None


@transaction.atomic
def invitation_send(
    *, email: str, city: City, name: str = "", by: User | None = None
) -> InvitationOutcome:
    """Invite a person to keep `city` current: a 14-day link to choose a password.

    An existing account gets a sign-in link instead of a second account; it is linked to the
    city unless it already keeps another city's profile.
    """
    email = address_normalise(email)
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        if existing.city_id not in (None, city.pk):
            raise InvitationRefused(
                _("%(email)s already keeps %(city)s current; change that in their account first.")
                % {"email": existing.email, "city": existing.city}
            )
        if existing.city_id is None:
            existing.city = city
            existing.save(update_fields=["city"])
        notification_send(
            kind=Kind.INVITATION,
            template="members/email/signin_link",
            recipients=[existing],
            context={"city": city, "twin": city.twin, "login_url": absolute_url("account_login")},
            key=f"signin-link:{city.pk}:{existing.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
        )
        return InvitationOutcome(invitation=None, existing_user=existing)

    token, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        name=name,
        city=city,
        token_digest=digest,
        invited_by=by,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    notification_send(
        kind=Kind.INVITATION,
        template="members/email/invitation",
        recipients=[email],
        context={
            "invitation": invitation,
            "city": city,
            "twin": city.twin,
            "accept_url": absolute_url("members:invitation_accept", token=token),
            "invited_by": by,
        },
        key=f"invitation:{invitation.pk}",
        # No account yet, so no language of their own: their city's.
        address_language=country_language(city.country),
    )
    return InvitationOutcome(invitation=invitation, existing_user=None)


@transaction.atomic
def invitation_accept(*, token: str, name: str, password: str) -> User:
    """Create the invited person's account, verified and linked to the city; the link is spent."""
    invitation = Invitation.objects.select_for_update().by_token(token).get()
    if invitation.is_used or invitation.is_expired:
        raise Invitation.DoesNotExist
    user = User.objects.create_user(
        invitation.email, password, name=name or invitation.name, city=invitation.city
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user
