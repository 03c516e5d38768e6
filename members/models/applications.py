"""Membership applications sent from the public /join/ form."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from members.models.network import City
from members.models.people import User


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("New")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class MembershipApplication(models.Model):
    """A city's application to join, sent from the public /join/ form."""

    city_name = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    twin_city_name = models.CharField(_("twin city"), max_length=120)
    twin_country = CountryField(_("twin city's country"))
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"), max_length=5000)
    # One filled-in form: sending it twice (a double click) keeps one application.
    submission = models.UUIDField(
        _("submission"), unique=True, null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus, default=ApplicationStatus.NEW
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city created"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.city_name} ({self.country})"
