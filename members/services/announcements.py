"""Announcements: the secretary writes, previews and sends once."""

import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe

from citytwins.notifications import Kind, Notification, notification_send
from citytwins.templatetags.markup import markdown_to_html
from members.models import (
    Announcement,
    Audience,
    User,
)

logger = logging.getLogger(__name__)


ANNOUNCEMENT_TEMPLATE = "members/email/announcement"


def announcement_recipients(announcement: Announcement) -> QuerySet[User]:
    """All members (staff of member and partner cities), the secretariat, or all staff of one
    twin, a prospective city's included: the secretary chose that twin."""
    if announcement.audience == Audience.SECRETARIAT:
        return User.objects.secretariat()
    if announcement.audience == Audience.TWIN:
        return User.objects.staff_of(announcement.twin)
    return User.objects.members()


def announcement_recipient_count(announcement: Announcement) -> int:
    """How many people it reaches: the audience less those who turned announcements off."""
    recipients = announcement_recipients(announcement)
    return recipients.exclude(notification_preference__announcement=False).distinct().count()


def announcement_context(announcement: Announcement) -> dict:
    """What the email templates show; the Markdown body is rendered and sanitised once."""
    return {
        "announcement": announcement,
        "subject": announcement.subject,
        "body": announcement.body,
        "body_html": mark_safe(markdown_to_html(announcement.body)),  # noqa: S308 (nh3-clean)
    }


def announcement_key(announcement: Announcement) -> str:
    """The outbox key of its emails; each recipient's row is this plus ":" and the address."""
    return f"announcement:{announcement.key}"


@transaction.atomic
def announcement_send(*, announcement: Announcement, by: User) -> list[Notification]:
    """Sent once: a second send (a double click, two secretaries) writes nothing."""
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.sent_at is not None:
        announcement.sent_at = locked.sent_at
        return []
    rows = notification_send(
        kind=Kind.ANNOUNCEMENT,
        template=ANNOUNCEMENT_TEMPLATE,
        # Each one's city with them: it names their language.
        recipients=announcement_recipients(locked).select_related("city"),
        context=announcement_context(locked),
        key=announcement_key(locked),
    )
    locked.sent_at = announcement.sent_at = timezone.now()
    locked.save(update_fields=["sent_at"])
    logger.info("announcement %s sent by %s to %d recipients", locked.pk, by.pk, len(rows))
    return rows
