"""The notification outbox and each person's choice of what they receive.

The outbox knows recipients, rendered messages and keys, never an app's models: senders render
their templates into rows through `citytwins.notifications.notification_send`.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is, for preferences and filtering."""

    ACCOUNT = "account", _("Account (sign-in, password)")
    ANNOUNCEMENT = "announcement", _("Announcements")
    MEETING_REMINDER = "meeting_reminder", _("Meeting reminders")
    DIGEST = "digest", _("Digests")
    CHANGE_NOTICE = "change_notice", _("Change notices (a city changed its profile)")
    PROFILE_REMINDER = "profile_reminder", _("Reminders to check your twin's profile")
    CONTACT = "contact", _("Contact messages")
    APPLICATION = "application", _("Membership applications")
    INVITATION = "invitation", _("Invitations")
    MEETING_ANNOUNCEMENT = "meeting_announcement", _("New meetings and events")
    MEETING_CHANGE = "meeting_change", _("Changes to meetings you registered for")
    REGISTRATION = "registration", _("Your registrations (confirmations, wait-list places)")
    REGISTRATION_NOTICE = "registration_notice", _("Registrations for meetings (secretariat)")
    ACTION_REMINDER = "action_reminder", _("Reminders of your action items")
    PROPOSAL = "proposal", _("Proposed projects and practices")


# The kinds a person may turn off; every other kind is always sent.
OPT_OUT_KINDS = (
    Kind.ANNOUNCEMENT,
    Kind.MEETING_ANNOUNCEMENT,
    Kind.MEETING_REMINDER,
    Kind.MEETING_CHANGE,
    Kind.ACTION_REMINDER,
    Kind.DIGEST,
    Kind.CHANGE_NOTICE,
    Kind.REGISTRATION_NOTICE,
    Kind.PROFILE_REMINDER,
)
# Only the secretary receives change and registration notices, so only the secretary is offered
# the choice.
SECRETARIAT_ONLY_KINDS = (Kind.CHANGE_NOTICE, Kind.REGISTRATION_NOTICE)


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class NotificationQuerySet(models.QuerySet):
    def delivery_counts(self, key_prefix: str) -> dict[str, int]:
        """How the rows whose key starts with `key_prefix` stand, one count per status."""
        rows = (
            self.filter(key__startswith=key_prefix)
            .values("status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts = dict.fromkeys(Status.values, 0)
        counts.update({row["status"]: row["count"] for row in rows})
        return counts

    def delivery_counts_by_prefix(self, prefixes) -> dict[str, dict[str, int]]:
        """`delivery_counts` for many key prefixes (a page of announcements or messages) in one
        grouped query per prefix length: the keys are cut to the prefix's length and grouped."""
        counts = {prefix: dict.fromkeys(Status.values, 0) for prefix in prefixes}
        for length in {len(prefix) for prefix in counts}:
            rows = (
                self.annotate(prefix=Substr("key", 1, length))
                .filter(prefix__in=[prefix for prefix in counts if len(prefix) == length])
                .values("prefix", "status")
                .annotate(count=Count("pk"))
                .order_by()
            )
            for row in rows:
                counts[row["prefix"]][row["status"]] = row["count"]
        return counts

    def due(self, *, now: datetime.datetime) -> "NotificationQuerySet":
        """Pending rows whose next attempt has come: a retry, or a row whose task was lost."""
        return self.filter(status=Status.PENDING, next_attempt_at__lte=now)

    def lease_expired(
        self, *, now: datetime.datetime, lease: datetime.timedelta
    ) -> "NotificationQuerySet":
        """Rows held for sending by a task whose lease ran out: its worker is gone. (A row claimed
        before leases existed counts from its last change.)"""
        return self.filter(status=Status.SENDING).filter(
            models.Q(lease_until__lt=now)
            | models.Q(lease_until__isnull=True, updated_at__lt=now - lease)
        )


class Notification(models.Model):
    """One email to one recipient, rendered when written; a worker delivers it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    address = models.EmailField(_("address"), max_length=254)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    # The language the message was written in: its recipient's (settings.LANGUAGES).
    language = models.CharField(_("language"), max_length=10, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    text = models.TextField(_("text body"))
    html = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Text files sent along (a meeting's calendar): [{"filename", "content", "mimetype"}, …].
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # The whole message as it goes on the wire (headers, both bodies, attachments), rendered when
    # written: a worker only sends these bytes, and every attempt sends the same ones. Empty for
    # rows written before it existed, or whose rendering failed: those are rendered when sent.
    raw = models.BinaryField(_("message as sent"), default=b"", blank=True, editable=False)
    key = models.CharField(
        _("idempotency key"),
        max_length=500,
        unique=True,
        help_text=_("The same key is written once, so a repeated send is not a second email."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # The task that holds the row while it is sending, and until when: a redelivery of that same
    # task may take it over at once (its worker died), any other task must leave it until the
    # lease runs out; then the sweeper takes it back.
    claimed_by = models.CharField(_("claimed by task"), max_length=64, blank=True)
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications (outbox)")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["status", "lease_until"], name="notification_leased"),
            models.Index(fields=["kind", "status"], name="notification_kind_status"),
            models.Index(fields=["-created_at"], name="notification_created"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.address}"

    def email_message(self) -> EmailMultiAlternatives:
        """The message as Django builds it (every mail backend takes this)."""
        message = EmailMultiAlternatives(
            self.subject,
            self.text,
            settings.DEFAULT_FROM_EMAIL,
            [self.address],
            headers=self.headers,
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        for attachment in self.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        return message


class NotificationPreference(models.Model):
    """What one person has chosen to receive; without a row, everything is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    # One field per opt-out kind, named by the kind's value.
    announcement = models.BooleanField(Kind.ANNOUNCEMENT.label, default=True)
    meeting_announcement = models.BooleanField(Kind.MEETING_ANNOUNCEMENT.label, default=True)
    meeting_reminder = models.BooleanField(Kind.MEETING_REMINDER.label, default=True)
    meeting_change = models.BooleanField(Kind.MEETING_CHANGE.label, default=True)
    action_reminder = models.BooleanField(Kind.ACTION_REMINDER.label, default=True)
    digest = models.BooleanField(Kind.DIGEST.label, default=True)
    change_notice = models.BooleanField(Kind.CHANGE_NOTICE.label, default=True)
    profile_reminder = models.BooleanField(Kind.PROFILE_REMINDER.label, default=True)
    registration_notice = models.BooleanField(Kind.REGISTRATION_NOTICE.label, default=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class ContactMessageQuerySet(models.QuerySet):
    def unhandled(self) -> "ContactMessageQuerySet":
        return self.filter(handled_at__isnull=True)


class ContactMessage(models.Model):
    """A message someone sent through the contact form, kept whatever became of its emails."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    # One filled-in form: sent twice (a double click), it is kept once.
    submission = models.UUIDField(_("submission"), unique=True, editable=False)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def delivery_key(self) -> str:
        """Every email about this message has an outbox key starting with this."""
        return f"contact:{self.submission}:"
