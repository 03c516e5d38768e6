"""The library of practices: good ones to copy, bad ones to avoid."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import CityTwin, Sector, fold
from projects.models.projects import Project
from projects.models.proposals import Proposal, ProposalQuerySet


class PracticeKind(models.TextChoices):
    GOOD = "good", _("Good practice to copy")
    BAD = "bad", _("Lesson: a practice to avoid")


class PracticeQuerySet(ProposalQuerySet):
    def in_sector(self, slug: str) -> "PracticeQuerySet":
        return self.filter(pk__in=Practice.objects.filter(sectors__slug=slug).values("pk"))

    def of_twin(self, slug: str) -> "PracticeQuerySet":
        return self.filter(pk__in=Practice.objects.filter(twins__slug=slug).values("pk"))

    def search(self, text: str) -> "PracticeQuerySet":
        """Every text of the practice, ignoring case and accents."""
        return self.filter(search_text__contains=fold(text.strip()))


# The parts of a practice's story, in the order it is told.
STORY = ["context", "what_was_done", "what_happened", "lessons", "transferability"]


class Practice(Proposal):
    """What a twin did, what happened and what others can learn from it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Part of its public address.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PracticeKind)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="practices", blank=True
    )
    twins = models.ManyToManyField(
        CityTwin, verbose_name=_("twins"), related_name="practices", blank=True
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    context = models.TextField(
        _("context"), blank=True, help_text=_("The situation and the problem. Markdown.")
    )
    what_was_done = models.TextField(_("what was done"), blank=True, help_text=_("Markdown."))
    what_happened = models.TextField(_("what happened"), blank=True, help_text=_("Markdown."))
    lessons = models.TextField(_("lessons"), blank=True, help_text=_("Markdown."))
    transferability = models.TextField(
        _("transferability to other twins"),
        blank=True,
        help_text=_("What another twin needs to do the same, or to avoid it. Markdown."),
    )
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["publication", "kind"], name="practice_publication"),
            # The public list's order and the home page's latest, as for projects.
            models.Index(
                "title", "id", condition=Q(publication="published"),
                name="practice_published_title",
            ),
            models.Index(
                F("published_at").desc(), F("id").desc(), condition=Q(publication="published"),
                name="practice_published_recent",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        texts = [self.title, *(getattr(self, name) for name in STORY)]
        self.search_text = fold(" ".join(texts))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", *STORY} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("projects:practice_detail", kwargs={"slug": self.slug})

    @property
    def is_lesson(self) -> bool:
        return self.kind == PracticeKind.BAD


class EvidenceLink(models.Model):
    """Where a reader checks what the practice says: a report, an evaluation, an article."""

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
