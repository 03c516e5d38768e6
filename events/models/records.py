"""What a meeting leaves behind: its documents and minutes, decisions and action items."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.documents import document_storage, document_upload_to
from events.models.events import Event


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", _("Minutes")
    AGENDA = "agenda", _("Agenda")
    PRESENTATION = "presentation", _("Presentation")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")


class EventDocument(models.Model):
    """A file for members only, stored under a random name outside the public media and served
    through a view that checks who asks."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind, default=DocumentKind.MINUTES
    )
    file = models.FileField(
        _("file"), storage=document_storage, upload_to=document_upload_to, max_length=200
    )
    # Found from the content when uploaded, never taken from the browser.
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    extension = models.CharField(_("extension"), max_length=5, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents and minutes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def download_name(self) -> str:
        """The name the reader's browser saves it under: the title, never the uploaded name."""
        return f"{slugify(self.title) or 'document'}.{self.extension}"


class Decision(models.Model):
    """What a meeting decided, in its words."""

    event = models.ForeignKey(
        Event, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# How long before its due date an open action item's owner is reminded.
REMIND_BEFORE = datetime.timedelta(days=3)


class ActionItemQuerySet(models.QuerySet):
    def open(self) -> "ActionItemQuerySet":
        """Open items, soonest due first, with their meeting (the owner's /my/ page)."""
        return (
            self.filter(status=ActionStatus.OPEN).select_related("event").order_by("due_on", "pk")
        )


class ActionItem(models.Model):
    """Something a meeting asked one person to do by a date."""

    event = models.ForeignKey(
        Event, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="action_items"
    )
    text = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        help_text=_("Reminded 3 days before the due date and once when it is overdue."),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus, default=ActionStatus.OPEN
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The due date each reminder went out for: a new due date earns new reminders.
    reminded_before_for = models.DateField(
        _("reminded before the due date"), null=True, blank=True, editable=False
    )
    reminded_overdue_for = models.DateField(
        _("reminded after the due date"), null=True, blank=True, editable=False
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["reminded_before_for", "reminded_overdue_for"])

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["position", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="action_item_due")]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue(self, *, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == ActionStatus.OPEN and self.due_on < today
