"""Meetings and other events of the network, hosted by a twin in one of its cities."""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import City, CityTwin, Sector

# Slugs the event URLs use for themselves (/events/feed.ics).
RESERVED_SLUGS = frozenset({"feed", "action-items"})


def validate_event_slug(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the site itself; choose another."),
            code="reserved_slug",
            params={"slug": slug},
        )


class EventKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    BOARD_MEETING = "board_meeting", _("Board meeting")
    JOINT_MEETING = "joint_meeting", _("Joint meeting")
    SEMINAR = "seminar", _("Seminar")
    STUDY_VISIT = "study_visit", _("Study visit")
    EXCHANGE = "exchange", _("Exchange")


class EventAudience(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


def city_zone(city: City) -> zoneinfo.ZoneInfo | None:
    """A city's time zone, or None while nobody has set it (the field only takes known names)."""
    if not city.time_zone:
        return None
    try:
        return zoneinfo.ZoneInfo(city.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def reads_as_member(user) -> bool:
    """Staff of member and partner cities, and the secretary, read what is for members only."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_network_member:
        return True
    return user.is_staff and user.is_secretary


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(published_at__isnull=False)

    def visible_to(self, user) -> "EventQuerySet":
        """What this reader may see: published events, members-only ones to members; the
        secretary also sees drafts. Everyone else gets a 404 for the rest."""
        if user.is_authenticated and user.is_active and user.is_staff and user.is_secretary:
            return self.all()
        if reads_as_member(user):
            return self.published()
        return self.published().filter(audience=EventAudience.PUBLIC)

    def upcoming(self, *, now: datetime.datetime | None = None) -> "EventQuerySet":
        """Not over yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, *, now: datetime.datetime | None = None) -> "EventQuerySet":
        """Over, latest first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def public_upcoming(self) -> "EventQuerySet":
        """For pages everyone reads (a twin's, a sector's): published, public, not over."""
        return (
            self.published()
            .filter(audience=EventAudience.PUBLIC)
            .upcoming()
            .select_related("host_city")
        )

    def for_calendar(self) -> "EventQuerySet":
        """What a public calendar feed carries: published public events, cancelled ones too (so
        subscribed calendars drop them), from a year back on."""
        since = timezone.now() - datetime.timedelta(days=365)
        return (
            self.published()
            .filter(audience=EventAudience.PUBLIC, ends_at__gte=since)
            .select_related("host_city", "host_twin")
            .order_by("starts_at", "pk")
        )


class Event(models.Model):
    """A meeting or other event, stored in UTC and shown in its host city's time zone."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        validators=[validate_event_slug],
        help_text=_("Part of its public address (/events/…/); leave it once published."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind)
    host_twin = models.ForeignKey(
        CityTwin, verbose_name=_("host twin"), on_delete=models.PROTECT, related_name="events"
    )
    host_city = models.ForeignKey(
        City,
        verbose_name=_("host city"),
        on_delete=models.PROTECT,
        related_name="hosted_events",
        help_text=_("One of the host twin's cities; the event's times are in its time zone."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.TextField(
        _("venue"), blank=True, help_text=_("The address, as people should find it.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For a meeting held online or hybrid.")
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="events", blank=True
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=EventAudience, default=EventAudience.PUBLIC
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. Past it, people join the wait-list."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # RFC 5545 SEQUENCE: raised on each change a calendar shows, so calendars take the update.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    is_sample = models.BooleanField(
        _("sample"), default=False, help_text=_("Sample content, marked “Sample” everywhere.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["ends_at", "starts_at"], name="event_when"),
            models.Index(fields=["published_at", "audience"], name="event_visible"),
            # Upcoming (soonest first) and past (latest first) pages and the feeds, read in
            # index order, forwards or backwards, instead of sorting every event.
            models.Index(fields=["starts_at", "id"], name="event_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gte=models.F("registration_opens_at")),
                name="event_registration_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The host city's time zone; the site's own while the city has none."""
        return city_zone(self.host_city) or zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def is_members_only(self) -> bool:
        return self.audience == EventAudience.MEMBERS

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def place_lines(self) -> list[str]:
        """Where it is, line by line: the venue as typed, then the city unless the venue
        names it already."""
        lines = [line.strip() for line in self.venue.splitlines() if line.strip()]
        if not any(self.host_city.name in line for line in lines):
            lines.append(self.host_city.name)
        return lines

    def is_over(self, *, now: datetime.datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def registration_state(self, *, now: datetime.datetime | None = None) -> str:
        """ "open", or why not: "cancelled", "draft", "not_yet", "closed"."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if not self.is_published:
            return "draft"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        closes = self.registration_closes_at or self.starts_at
        if now >= closes:
            return "closed"
        return "open"
