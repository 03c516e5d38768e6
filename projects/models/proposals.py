"""What projects and practices share: city staff propose them, the secretary publishes them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")


# Staff may still change what they proposed; once published, only the secretary does.
EDITABLE_BY_STAFF = (Publication.DRAFT, Publication.SUBMITTED)


class ProposalQuerySet(models.QuerySet):
    def published(self) -> "ProposalQuerySet":
        """What the public sees."""
        return self.filter(publication=Publication.PUBLISHED)

    def proposed_by_twin_of(self, user) -> "ProposalQuerySet":
        """What the staff of this person's twin proposed, whatever its state."""
        if not user.is_authenticated or not user.is_active or user.city_id is None:
            return self.none()
        return self.filter(proposed_for__cities__staff=user)

    def editable_by(self, user) -> "ProposalQuerySet":
        """Drafts and submitted proposals of the person's own twin; nothing else, for anyone."""
        return self.proposed_by_twin_of(user).filter(publication__in=EDITABLE_BY_STAFF)


class Proposal(models.Model):
    """A project or practice as it goes from staff's draft to the public pages."""

    publication = models.CharField(
        _("publication"), max_length=20, choices=Publication, default=Publication.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    returned_reason = models.TextField(
        _("reason for returning"),
        blank=True,
        help_text=_("Why the secretariat returned it to the proposer; the proposer reads it."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_for = models.ForeignKey(
        "members.CityTwin",
        verbose_name=_("proposed for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_%(class)ss",
        help_text=_("The twin whose staff proposed it: they may edit it until it is published."),
    )
    is_sample = models.BooleanField(
        _("sample"), default=False, help_text=_("Sample content, marked “Sample” wherever shown.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication == Publication.PUBLISHED

    @property
    def is_editable_by_staff(self) -> bool:
        return self.publication in EDITABLE_BY_STAFF
