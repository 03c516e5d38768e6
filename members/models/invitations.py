"""Invitations: the secretary asks a person to keep a city's profile current."""

import datetime
import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citytwins.addresses import address_normalise
from members.models.network import City
from members.models.people import User


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION_VALIDITY = datetime.timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def by_token(self, token: str) -> "InvitationQuerySet":
        return self.filter(token_digest=token_digest(token))


class Invitation(models.Model):
    """The secretary invites a person to keep a city's profile current; the link lasts 14 days.

    Only a digest of the token is stored: the link in the email is the only copy of it.
    """

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="invitations"
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.city}"

    def save(self, *args, **kwargs) -> None:
        self.email = address_normalise(self.email)
        super().save(*args, **kwargs)

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, token_digest(token)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None
