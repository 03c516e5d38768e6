"""Projects the twins run together: partners with roles, a status pipeline with its history."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, OrderBy, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from members.models import City, CityTwin, Sector, fold
from projects.models.proposals import Proposal, ProposalQuerySet


class ProjectStatus(models.TextChoices):
    """The pipeline, in its order; a project may be cancelled at any stage."""

    IDEA = "idea", _("Idea")
    SEEKING_PARTNERS = "seeking_partners", _("Seeking partners")
    SEEKING_FUNDING = "seeking_funding", _("Seeking funding")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Role(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated organisation")


ROLE_ORDER = {Role.LEAD: 0, Role.PARTNER: 1, Role.ASSOCIATED: 2}
# At most one lead per project (a partial unique index); forms check "exactly one" over all rows.
ONE_LEAD = "project_has_one_lead"


class OrderIndex(models.Index):
    """An index in the order a list is read, NULLS LAST included. SQLite takes no NULLS LAST
    in an index; its DESC already puts nulls last, so there the modifier is left out."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = [
            OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e
            for e in self.expressions
        ]
        index = models.Index(*plain, name=self.name, condition=self.condition)
        return index.create_sql(model, schema_editor, using=using, **kwargs)


class ProjectQuerySet(ProposalQuerySet):
    def in_sector(self, slug: str) -> "ProjectQuerySet":
        return self.filter(pk__in=Project.objects.filter(sectors__slug=slug).values("pk"))

    def of_twin(self, slug: str) -> "ProjectQuerySet":
        """Projects with a partner city in the twin: a project's twins are its cities' twins."""
        partners = ProjectPartner.objects.filter(city__twin__slug=slug)
        return self.filter(pk__in=partners.values("project_id"))

    def in_country(self, code: str) -> "ProjectQuerySet":
        """A partner city, or an associated organisation, in that country."""
        partners = ProjectPartner.objects.filter(Q(city__country=code) | Q(country=code))
        return self.filter(pk__in=partners.values("project_id"))

    def with_programme(self, slug: str) -> "ProjectQuerySet":
        funded = Project.objects.filter(funding_lines__programme__slug=slug)
        return self.filter(pk__in=funded.values("pk"))

    def active_in(self, year: int) -> "ProjectQuerySet":
        """Started by the end of that year and not ended before it (an open end runs on)."""
        return self.filter(starts_on__lte=datetime.date(year, 12, 31)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(year, 1, 1))
        )

    def search(self, text: str) -> "ProjectQuerySet":
        """Title, summary and description, or a partner city's name; case and accents ignored."""
        needle = fold(text.strip())
        cities = ProjectPartner.objects.filter(city__search_text__contains=needle)
        return self.filter(Q(search_text__contains=needle) | Q(pk__in=cities.values("project_id")))


class Project(Proposal):
    """A project of twins: partner cities with roles, funding lines, a status pipeline."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Part of its public address.")
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus, default=ProjectStatus.IDEA
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="projects", blank=True
    )
    total_budget = models.DecimalField(
        _("total budget (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("Markdown."))
    website = models.URLField(_("website"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = [F("starts_on").desc(nulls_last=True), "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True) | Q(total_budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["publication", "status"], name="project_publication"),
            # The public list in each of its orders, and the home page's latest: read in index
            # order, a page of 20 stops after 20 rows instead of sorting every published project.
            OrderIndex(
                F("starts_on").desc(nulls_last=True), "title", "id",
                condition=Q(publication="published"), name="project_published_latest_start",
            ),
            OrderIndex(
                F("starts_on").asc(nulls_last=True), "title", "id",
                condition=Q(publication="published"), name="project_published_first_start",
            ),
            models.Index(
                Lower("title"), "id", condition=Q(publication="published"),
                name="project_published_title",
            ),
            models.Index(
                F("published_at").desc(), F("id").desc(), condition=Q(publication="published"),
                name="project_published_recent",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.title} {self.summary} {self.description}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "summary", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", kwargs={"slug": self.slug})

    @property
    def years(self) -> str:
        """“2024–2027”, “2024” or “from 2024”: as much as is known."""
        if self.starts_on is None:
            return ""
        if self.ends_on is None:
            return _("from %(year)d") % {"year": self.starts_on.year}
        if self.ends_on.year == self.starts_on.year:
            return str(self.starts_on.year)
        return f"{self.starts_on.year}–{self.ends_on.year}"

    def partners_in_order(self) -> list["ProjectPartner"]:
        """Lead first, then partners, then associated organisations (uses prefetched rows)."""
        return sorted(
            self.partners.all(), key=lambda p: (ROLE_ORDER.get(p.role, 9), p.position, p.pk)
        )

    @property
    def lead(self) -> "ProjectPartner | None":
        return next((p for p in self.partners.all() if p.role == Role.LEAD), None)

    def twins(self) -> list[CityTwin]:
        """The partner cities' twins, each once, lead's first (uses prefetched partners)."""
        seen = {}
        for partner in self.partners_in_order():
            if partner.city_id is not None:
                seen.setdefault(partner.city.twin_id, partner.city.twin)
        return list(seen.values())


class ProjectPartner(models.Model):
    """A partner city of the network, or an organisation outside it, with its role."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners"
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_partnerships",
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("A partner outside the network, by name (leave the city empty)."),
    )
    country = CountryField(_("organisation's country"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTNER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role="lead"),
                name=ONE_LEAD,
                violation_error_message=_("A project has exactly one lead partner."),
            ),
            models.UniqueConstraint(fields=["project", "city"], name="project_partner_city_once"),
            models.CheckConstraint(
                condition=(Q(city__isnull=False) & Q(organisation=""))
                | (Q(city__isnull=True) & ~Q(organisation="")),
                name="project_partner_city_or_organisation",
            ),
            models.CheckConstraint(
                condition=Q(city__isnull=False) | Q(role="associated"),
                name="project_partner_outside_network_associated",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.city.name if self.city_id else self.organisation


class ProjectStatusChange(models.Model):
    """One step of a project's pipeline: the status it took, on which day, and who set it."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus)
    changed_on = models.DateField(_("changed on"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.changed_on:%Y-%m-%d})"
