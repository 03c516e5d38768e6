"""Money for projects: the programmes, each project's funding lines, and open calls."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

# Most programmes close their calls at a time of day in their managing authority's zone.
DEFAULT_CALL_TIME_ZONE = "Europe/Brussels"


class Programme(models.Model):
    """A funding programme, e.g. Interreg Aurora."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPLIED = "applied", _("Applied")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")


class FundingLine(models.Model):
    """Money a project plans to ask, has asked, or got from one programme."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funding_lines",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="funding_lines",
    )
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FundingStatus, default=FundingStatus.PLANNED
    )
    call_deadline = models.DateField(_("call deadline"), null=True, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="funding_line_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.amount} EUR ({self.get_status_display()})"


def time_zone_valid(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(name)s” is not a time zone, e.g. Europe/Brussels."), params={"name": name}
        ) from None


class FundingCallQuerySet(models.QuerySet):
    def open(self, *, now: datetime.datetime) -> "FundingCallQuerySet":
        """Calls whose deadline has not passed: listed until then."""
        return self.filter(deadline__gt=now)

    def closing_within(self, *, now: datetime.datetime, days: int) -> "FundingCallQuerySet":
        return self.open(now=now).filter(deadline__lte=now + datetime.timedelta(days=days))


class FundingCall(models.Model):
    """A call for proposals the secretary keeps an eye on for the network."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=300)
    deadline = models.DateTimeField(_("deadline"))
    time_zone = models.CharField(
        _("time zone of the deadline"),
        max_length=64,
        default=DEFAULT_CALL_TIME_ZONE,
        validators=[time_zone_valid],
        help_text=_("As the call states it, e.g. Europe/Brussels or Europe/Stockholm."),
    )
    eligible_countries = CountryField(_("eligible countries"), multiple=True, blank=True)
    link = models.URLField(_("link"), help_text=_("The call's own page."))
    is_sample = models.BooleanField(
        _("sample"), default=False, help_text=_("Sample content, marked “Sample” wherever shown.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    objects = FundingCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["deadline", "title"]
        indexes = [models.Index(fields=["deadline"], name="funding_call_deadline")]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def days_left(self, *, now: datetime.datetime) -> int:
        """Whole days until the deadline (0 on its last day)."""
        return max((self.deadline - now).days, 0)
