import uuid

from django.db import transaction

from citytwins.notifications import (
    Kind,
    Notification,
    notification_send,
)
from members.models import User


@transaction.atomic
def contact_send(
    *, name: str, email: str, subject: str, message: str, submission: uuid.UUID
) -> list[Notification]:
    """The message goes to the secretary (replies go to the sender) and a copy to the sender.

    `submission` identifies one filled-in form: sending it again (a double click) sends nothing.
    """
    context = {"name": name, "email": email, "subject": subject, "message": message}
    to_secretary = notification_send(
        kind=Kind.CONTACT,
        template="citytwins/email/contact",
        recipients=User.objects.secretariat(),
        context=context,
        key=f"contact:{submission}",
        reply_to=email,
    )
    copy = notification_send(
        kind=Kind.CONTACT,
        template="citytwins/email/contact_copy",
        recipients=[email],
        context=context,
        key=f"contact-copy:{submission}",
    )
    return to_secretary + copy
