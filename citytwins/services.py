"""Messages sent through the contact form: kept first, then mailed to the secretariat."""

import logging
import uuid

from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import truncatechars
from django.utils import timezone, translation

from citytwins.links import absolute_url
from citytwins.models import ContactMessage
from citytwins.notifications import Kind, notification_send
from members.models import User
from members.services.secretariat import secretariat_recipients

logger = logging.getLogger(__name__)

# The acknowledgement names the message by its subject, shortened: it repeats nothing else a
# stranger typed, so the form cannot relay someone's text to an address they made up.
ACKNOWLEDGED_SUBJECT_LENGTH = 80


@transaction.atomic
def contact_send(
    *, name: str, email: str, subject: str, message: str, submission: uuid.UUID
) -> ContactMessage:
    """The message is stored, then mailed in full to the secretariat (replies go to the sender);
    the sender gets a short acknowledgement without the message.

    `submission` identifies one filled-in form: sending it again (a double click) keeps one
    message and sends nothing more.
    """
    contact, created = ContactMessage.objects.get_or_create(
        submission=submission,
        defaults={"name": name, "email": email, "subject": subject, "message": message},
    )
    if not created:
        return contact
    recipients = secretariat_recipients()
    if not recipients:
        logger.warning(
            "contact message %s is stored, but no one receives the secretariat's mail", contact.pk
        )
    notification_send(
        kind=Kind.CONTACT,
        template="citytwins/email/contact",
        recipients=recipients,
        context={
            "name": name,
            "email": email,
            "subject": subject,
            "message": message,
            "admin_url": absolute_url(
                "admin:citytwins_contactmessage_change", object_id=contact.pk
            ),
        },
        key=f"{contact.delivery_key}secretariat",
        reply_to=email,
    )
    notification_send(
        kind=Kind.CONTACT,
        template="citytwins/email/contact_received",
        recipients=[email],
        context={
            "subject": truncatechars(subject, ACKNOWLEDGED_SUBJECT_LENGTH),
            "received_at": contact.received_at,
        },
        key=f"{contact.delivery_key}acknowledgement",
        # The visitor wrote from a page in this language: the acknowledgement answers in it.
        address_language=translation.get_language() or "",
    )
    return contact


def contact_messages_mark_handled(*, messages: QuerySet[ContactMessage], by: User) -> int:
    """The secretary marks messages handled; one handled already keeps who and when."""
    return messages.filter(handled_at__isnull=True).update(handled_at=timezone.now(), handled_by=by)
