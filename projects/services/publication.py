"""The way from staff's draft to the public pages: submitted, then published or returned with a
reason, by the secretary only. Each step tells the other side through the outbox."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citytwins.links import absolute_url, site_url
from citytwins.notifications import Kind, notification_send
from members.models import User
from members.services.secretariat import secretariat_recipients
from projects.models import Practice, Project, Publication, Role

Proposal = Project | Practice


class PublicationRefused(Exception):
    """The item is not ready to be published; the message says why."""


def _label(item: Proposal) -> str:
    return item._meta.model_name  # "project" or "practice": keys, URL names


def _context(item: Proposal) -> dict:
    label = _label(item)
    return {
        "item": item,
        "item_kind": item._meta.verbose_name,
        "twin": item.proposed_for,
        "public_url": site_url(item.get_absolute_url()),
        "edit_url": absolute_url(f"projects:my_{label}_edit", slug=item.slug),
        "admin_url": absolute_url(f"admin:projects_{label}_change", object_id=item.pk),
    }


def _stamp(moment) -> str:
    return f"{moment:%Y%m%dT%H%M%S%f}"


@transaction.atomic
def proposal_submit(*, item: Proposal, by: User) -> bool:
    """Staff hand their draft to the secretariat, who are told; submitting again (a double
    click, a save while it waits) tells nobody twice."""
    if item.publication != Publication.DRAFT:
        return False
    item.publication = Publication.SUBMITTED
    item.submitted_at = timezone.now()
    item.returned_reason = ""
    item._history_user = by
    item.save(update_fields=["publication", "submitted_at", "returned_reason", "updated_at"])
    notification_send(
        kind=Kind.PROPOSAL,
        template="projects/email/proposal_submitted",
        recipients=secretariat_recipients(),
        context={**_context(item), "proposer": by},
        key=f"proposal:{_label(item)}:{item.pk}:submitted:{_stamp(item.submitted_at)}",
        reply_to=by.email,
    )
    return True


def _publish_check(item: Proposal) -> None:
    if isinstance(item, Project) and not item.partners.filter(role=Role.LEAD).exists():
        raise PublicationRefused(
            _("“%(title)s” has no lead partner: a project is published with exactly one.")
            % {"title": item.title}
        )


@transaction.atomic
def proposal_publish(*, item: Proposal, by: User) -> bool:
    """The secretary publishes; the proposer is told. Publishing twice does nothing."""
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    if locked.publication == Publication.PUBLISHED:
        return False
    _publish_check(locked)
    locked.publication = Publication.PUBLISHED
    locked.published_at = timezone.now()
    locked.returned_reason = ""
    locked._history_user = by
    locked.save(update_fields=["publication", "published_at", "returned_reason", "updated_at"])
    proposer = locked.proposed_by
    if proposer is not None and proposer.is_active:
        notification_send(
            kind=Kind.PROPOSAL,
            template="projects/email/proposal_published",
            recipients=[proposer],
            context=_context(locked),
            key=f"proposal:{_label(locked)}:{locked.pk}:published:{_stamp(locked.published_at)}",
        )
    item.publication, item.published_at = locked.publication, locked.published_at
    return True


@transaction.atomic
def proposal_return(*, item: Proposal, reason: str, by: User) -> bool:
    """The secretary sends a submitted (or published) item back to its proposer as a draft,
    saying why; the proposer is told and may edit it again. A draft is left as it is."""
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    if locked.publication == Publication.DRAFT:
        return False
    locked.publication = Publication.DRAFT
    locked.returned_reason = reason
    locked.submitted_at = locked.published_at = None
    locked._history_user = by
    locked.save(
        update_fields=[
            "publication",
            "returned_reason",
            "submitted_at",
            "published_at",
            "updated_at",
        ]
    )
    proposer = locked.proposed_by
    if proposer is not None and proposer.is_active:
        notification_send(
            kind=Kind.PROPOSAL,
            template="projects/email/proposal_returned",
            recipients=[proposer],
            context={**_context(locked), "reason": reason},
            key=f"proposal:{_label(locked)}:{locked.pk}:returned:{_stamp(timezone.now())}",
        )
    item.publication, item.returned_reason = locked.publication, locked.returned_reason
    return True
