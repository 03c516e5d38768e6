"""Who comes to an event: one registration per person, confirmed or on the wait-list."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.events import Event


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the wait-list")
    CANCELLED = "cancelled", _("Cancelled")


# Those who hear of changes to an event: everyone who still wants to come.
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self) -> "RegistrationQuerySet":
        """The wait-list in its order: first come, first promoted."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("registered_at", "pk")

    def active(self) -> "RegistrationQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def counts(self) -> dict[str, int]:
        """Confirmed and wait-listed, in one query."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        )

    def upcoming_active(self) -> "RegistrationQuerySet":
        """A person's registrations for events not over yet (their /my/ page)."""
        return (
            self.active()
            .filter(event__ends_at__gte=timezone.now(), event__published_at__isnull=False)
            .select_related("event__host_city")
            .order_by("event__starts_at", "pk")
        )


class Registration(models.Model):
    """One person's place at one event; a cancelled one keeps its row and may come back."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus)
    # When the person (last) asked for a place: the wait-list's order.
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("place confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="registration_one_per_person_and_event"
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"], name="registration_queue"),
            # The admin's list, oldest first as the model orders it, at tens of thousands of rows.
            models.Index(fields=["registered_at", "id"], name="registration_registered"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"
