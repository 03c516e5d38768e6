"""A person to contact in a city, each detail shown to whom the city chose."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models.network import City
from members.models.vocabulary import Visibility


class Contact(models.Model):
    """A person to contact in a city; each detail has its own visibility."""

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    visibility = models.CharField(
        _("name and role shown to"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    email = models.EmailField(_("email"), blank=True)
    email_visibility = models.CharField(
        _("email shown to"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_visibility = models.CharField(
        _("phone shown to"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    # What a contact consists of, as city staff, the admin and import files edit it.
    DETAILS = [
        "name",
        "role",
        "visibility",
        "email",
        "email_visibility",
        "phone",
        "phone_visibility",
    ]

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    def shown_to(self, *, member: bool) -> dict[str, str]:
        """The details a reader may see: the public sees public ones, members members' too."""
        allowed = {Visibility.PUBLIC, Visibility.MEMBERS} if member else {Visibility.PUBLIC}
        if self.visibility not in allowed:
            return {}
        details = {"name": self.name, "role": self.role}
        if self.email and self.email_visibility in allowed:
            details["email"] = self.email
        if self.phone and self.phone_visibility in allowed:
            details["phone"] = self.phone
        return details
