"""The network itself: sectors, city twins, their cities and shared services."""

import datetime
import functools
import operator
import uuid

from django.db import models
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from members.images import image_file_forget
from members.models.cooperation import PROJECTS, PUBLISHED, CooperationQuerySet, published_in
from members.models.vocabulary import (
    EU_COUNTRIES,
    NATIVE_LANGUAGES,
    BorderKind,
    MembershipStatus,
    border_kind,
    fold,
    validate_time_zone,
)


class SectorQuerySet(models.QuerySet):
    def with_counts(self) -> "SectorQuerySet":
        """Each sector's `twin_count` (by the one rule of CityTwinQuerySet.in_sector) and
        `service_count`, in the same query (for a few rows: /sectors/ counts twins by pairs,
        CityTwinQuerySet.twins_per_sector)."""
        twins = (
            CityTwin.objects.in_sector(OuterRef(OuterRef("pk")))
            .order_by()
            .annotate(count=Func(F("pk"), function="COUNT"))
            .values("count")
        )
        return self.with_service_counts().annotate(
            twin_count=Subquery(twins, output_field=IntegerField())
        )

    def with_service_counts(self) -> "SectorQuerySet":
        services = (
            SharedService.objects.filter(sector=OuterRef("pk"))
            .order_by()
            .annotate(count=Func(F("pk"), function="COUNT"))
            .values("count")
        )
        return self.annotate(service_count=Subquery(services, output_field=IntegerField()))

    def of_twin(self, twin: "CityTwin") -> "SectorQuerySet":
        """The sectors a twin is in, by the same rule as `CityTwinQuerySet.in_sector`: its
        services', its ticked ones, its published projects' and practices'. Read as the twin's
        sector ids, each part once: at scale the rule asked per sector (a correlated EXISTS)
        joined every partnership of the network, 70 ms against 1."""
        projects = City.objects.filter(twin=twin, **{f"{PROJECTS}__publication": PUBLISHED})
        practices = CityTwin.objects.filter(pk=twin.pk, practices__publication=PUBLISHED)
        own_work = [
            SharedService.objects.filter(twin=twin).values("sector"),
            CityTwin.sectors.through.objects.filter(citytwin=twin).values("sector"),
            projects.values(f"{PROJECTS}__sectors"),
            practices.values("practices__sectors"),
        ]
        return self.filter(functools.reduce(operator.or_, (Q(pk__in=ids) for ids in own_work)))


class Sector(models.Model):
    """One of the association's nine sectors of cooperation (reference data of the network)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SectorQuerySet.as_manager()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:sector_detail", kwargs={"slug": self.slug})


def _twin_image_upload_to(instance, filename: str) -> str:
    """A random name: an uploaded file's own name never reaches the disk or a URL."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"twins/{uuid.uuid4().hex}.{suffix}"


PROFILE_FRESH_FOR = datetime.timedelta(days=182)


class CityTwinQuerySet(CooperationQuerySet):
    def editable_by(self, user) -> "CityTwinQuerySet":
        """The twins whose shared profile this person keeps: their own city's twin."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(cities__staff=user)

    def stale(self, *, now: datetime.datetime) -> "CityTwinQuerySet":
        """Profiles nobody has confirmed for six months (or ever, for six months)."""
        cutoff = now - PROFILE_FRESH_FOR
        return self.filter(
            Q(checked_at__lt=cutoff) | Q(checked_at__isnull=True, created_at__lt=cutoff)
        )

    def with_cities(self) -> "CityTwinQuerySet":
        """Both cities in brochure order, for lists and pages, in one extra query."""
        return self.prefetch_related(
            Prefetch("cities", queryset=City.objects.order_by("position", "pk"))
        )

    def on_border(self, kind: str) -> "CityTwinQuerySet":
        non_eu_twins = City.objects.exclude(country__in=EU_COUNTRIES).values("twin_id")
        if kind == BorderKind.EXTERNAL:
            return self.filter(pk__in=non_eu_twins)
        return self.exclude(pk__in=non_eu_twins)

    def in_country(self, code: str) -> "CityTwinQuerySet":
        return self.filter(pk__in=City.objects.filter(country=code).values("twin_id"))

    def with_status(self, status: str) -> "CityTwinQuerySet":
        return self.filter(pk__in=City.objects.filter(status=status).values("twin_id"))

    def in_sector(self, sector) -> "CityTwinQuerySet":
        """The one rule of "twin T is in sector S", for the sector cards and pages, the
        directory's filter and the admin: one of the twin's shared services is in it, the
        secretary ticked it on the twin, or a published project or practice of the twin is in it
        (members/models/cooperation.py). `sector` is a Sector, its pk or an expression
        (OuterRef), so counts per sector use the same rule. Each kind of work a twin does in
        a sector adds one line to this union."""
        own_work = [
            SharedService.objects.filter(twin=OuterRef("pk"), sector=sector),
            CityTwin.sectors.through.objects.filter(citytwin=OuterRef("pk"), sector=sector),
            # Published projects with a partner city of the twin, and published practices of the
            # twin: the projects app's, reached by the names of its relations to the network.
            City.objects.filter(twin=OuterRef("pk"), **published_in(PROJECTS, sector)),
            CityTwin.objects.filter(pk=OuterRef("pk"), **published_in("practices", sector)),
        ]
        return self.filter(functools.reduce(operator.or_, (Q(Exists(work)) for work in own_work)))

    def search(self, text: str) -> "CityTwinQuerySet":
        """Names and native names of either city, ignoring case and accents."""
        needle = fold(text.strip())
        matches = City.objects.filter(search_text__contains=needle).values("twin_id")
        return self.filter(Q(pk__in=matches) | Q(search_text__contains=needle))


class CityTwin(models.Model):
    """A pair of towns facing each other across a national border."""

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Part of its public address."))
    name = models.CharField(_("name"), max_length=200, help_text=_("Both names, in that order."))
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    website = models.URLField(_("website"), blank=True)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors of cooperation"), related_name="twins", blank=True
    )
    image = models.ImageField(
        _("image"),
        upload_to=_twin_image_upload_to,
        blank=True,
        help_text=_("JPEG, PNG or WebP; re-encoded and stored under a random name."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    checked_at = models.DateTimeField(
        _("confirmed correct"),
        null=True,
        blank=True,
        help_text=_("When city staff last confirmed the profile is still correct."),
    )
    reminded_at = models.DateTimeField(_("freshness reminder sent"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # History: registered in members/translation.py, with the translated names.

    objects = CityTwinQuerySet.as_manager()

    class Meta:
        verbose_name = _("city twin")
        verbose_name_plural = _("city twins")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
        stored = getattr(self, "_stored_image", "")
        if update_fields is None or "image" in update_fields:
            if isinstance(stored, str) and stored and stored != self.image.name:
                image_file_forget(self.image.storage, stored)
            self._stored_image = self.image.name or ""

    def get_absolute_url(self) -> str:
        return reverse("members:twin_detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        twin = super().from_db(db, field_names, values, **kwargs)
        if "image" in field_names:
            # The file the row names now: a save that replaces or removes it deletes the file.
            twin._stored_image = values[field_names.index("image")]
        return twin

    def is_stale(self, *, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (self.checked_at or self.created_at) < now - PROFILE_FRESH_FOR

    def profile_gaps(self) -> list[str]:
        """What the twin's public page lacks that its staff can fill in (services prefetched)."""
        gaps = []
        if not self.summary:
            gaps.append(_("a summary"))
        if not self.description:
            gaps.append(_("a description"))
        if not self.website:
            gaps.append(_("a website"))
        if not self.image:
            gaps.append(_("an image"))
        if not self.services.all():
            gaps.append(_("a shared service"))
        return gaps

    @property
    def border(self) -> BorderKind:
        """Derived from the cities' countries (uses prefetched cities when present)."""
        return border_kind(*(city.country for city in self.cities.all()))


def _twin_image_forget(sender, instance, **kwargs) -> None:
    """A twin deleted (one by one or a whole selection in the admin) takes its image along."""
    image_file_forget(instance.image.storage, instance.image.name)


models.signals.post_delete.connect(
    _twin_image_forget, sender=CityTwin, dispatch_uid="members.twin_image_forget"
)


class CityQuerySet(models.QuerySet):
    def editable_by(self, user) -> "CityQuerySet":
        """The city this person keeps current: only their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(staff=user)

    def counts_by_status(self) -> dict[str, int]:
        rows = self.values("status").annotate(count=Count("pk")).order_by()
        return {row["status"]: row["count"] for row in rows}


class City(models.Model):
    """One town of a twin. Membership belongs to each city, not to the pair."""

    twin = models.ForeignKey(
        CityTwin, verbose_name=_("twin"), on_delete=models.PROTECT, related_name="cities"
    )
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    native_name = models.CharField(
        _("native name"), max_length=120, blank=True, help_text=_("In the local language.")
    )
    country = CountryField(_("country"))
    position = models.PositiveSmallIntegerField(_("position in the twin"), default=0)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_(
            "The IANA name of the city's time zone, such as Europe/Tallinn: meetings the city "
            "hosts are entered and shown in it."
        ),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus,
        default=MembershipStatus.PROSPECTIVE,
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    status_note = models.TextField(
        _("status note"), blank=True, help_text=_("The reason for the status, shown publicly.")
    )
    search_text = models.CharField(max_length=300, editable=False, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # History: registered in members/translation.py, with the translated names.

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["twin__position", "position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="city_coordinates_on_earth",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.name} {self.native_name}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "native_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def language(self) -> str:
        """The language of the city's own name (BCP 47), or "" when not known."""
        return NATIVE_LANGUAGES.get(str(self.country), "")

    @property
    def native_name_differs(self) -> bool:
        return bool(self.native_name) and self.native_name != self.name

    def profile_gaps(self) -> list[str]:
        """What the city's public page lacks that its staff can fill in (contacts prefetched)."""
        gaps = []
        if self.population is None:
            gaps.append(_("its population"))
        if not self.website:
            gaps.append(_("its website"))
        if not self.description:
            gaps.append(_("a description"))
        if not any(contact.shown_to(member=False) for contact in self.contacts.all()):
            gaps.append(_("a contact shown to the public"))
        return gaps


class SharedService(models.Model):
    """A municipal service the two cities of a twin run together across the border."""

    twin = models.ForeignKey(
        CityTwin, verbose_name=_("twin"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
    )
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shared service")
        verbose_name_plural = _("shared services")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
