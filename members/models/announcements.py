"""Announcements from the secretary to the members, the secretariat or one twin's staff."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models.network import CityTwin
from members.models.people import User


class Audience(models.TextChoices):
    MEMBERS = "members", _("All members")
    SECRETARIAT = "secretariat", _("The secretariat")
    TWIN = "twin", _("One twin's staff")


class AnnouncementQuerySet(models.QuerySet):
    def on_home_page(self, *, member: bool) -> "AnnouncementQuerySet":
        """Sent to all members, newest first; readers outside the network see only those the
        secretary chose to show everyone."""
        shown = self.filter(sent_at__isnull=False, audience=Audience.MEMBERS)
        if not member:
            shown = shown.filter(public=True)
        return shown.order_by("-sent_at", "-pk")


class Announcement(models.Model):
    """A message from the secretary to the members, the secretariat or one twin's staff."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience, default=Audience.MEMBERS
    )
    twin = models.ForeignKey(
        CityTwin,
        verbose_name=_("twin"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For the audience 'one twin's staff'."),
    )
    public = models.BooleanField(
        _("show everyone on the home page"),
        default=False,
        help_text=_(
            "Members see the latest announcement to all members on the home page; tick this "
            "to show it to everyone as well."
        ),
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        User,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience="twin", twin__isnull=False) | ~Q(audience="twin"),
                name="announcement_twin_audience_names_a_twin",
            )
        ]

    def __str__(self) -> str:
        return self.subject
