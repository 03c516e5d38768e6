"""One way to send: render a notification per recipient into the outbox, deliver after commit.

    notification_send(
        kind=Kind.ANNOUNCEMENT,
        template="announcement",  # templates/citytwins/email/announcement_subject.txt, …
        recipients=User.objects.members(),
        context={"announcement_subject": …, "body": …},
        key=f"announcement:{announcement.pk}",
    )

Rows are written in the caller's transaction; the delivery task is published after commit, and
a broker that is down leaves the rows pending for the sweeper to pick up.
"""

import datetime
import functools
import logging
import uuid
from collections.abc import Iterable
from email.utils import make_msgid
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from citytwins.languages import url_in_language
from citytwins.mime import message_bytes
from citytwins.models import (
    OPT_OUT_KINDS,
    SECRETARIAT_ONLY_KINDS,
    Kind,
    Notification,
    NotificationPreference,
    Status,
)
from citytwins.outbox import notifications_enqueue

if TYPE_CHECKING:
    from members.models import User

__all__ = [
    "OPT_OUT_KINDS",
    "Kind",
    "Notification",
    "Status",
    "notification_send",
    "opt_out_kinds_for",
    "unsubscribe_token",
    "unsubscribe_token_read",
]

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "citytwins.notifications.unsubscribe"
SITE_NAME = "City Twins Association"


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A signed token naming one person and one kind; it never expires (old emails keep working)."""
    return signing.dumps([user_id, str(kind)], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(user id, kind) for a genuine token of an opt-out kind; None for anything else."""
    try:
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or kind not in OPT_OUT_KINDS:
        return None
    return user_id, kind


def opt_out_kinds_for(user: "User") -> list[Kind]:
    """The kinds this person may turn off: change notices only for the secretary."""
    is_secretary = user.is_secretary
    return [kind for kind in OPT_OUT_KINDS if is_secretary or kind not in SECRETARIAT_ONLY_KINDS]


def notification_send(
    *,
    kind: str,
    template: str,
    recipients: Iterable["User | str"],
    context: dict,
    key: str,
    reply_to: str | None = None,
    subject_prefix: str = "",
    attachments: list[dict[str, str]] | None = None,
    address_language: str = "",
) -> list[Notification]:
    """Render `template`_subject.txt / _message.txt / _message.html per recipient and write one
    outbox row each in the caller's transaction; deliver after commit.

    `attachments` are text files sent to every recipient, each {"filename", "content",
    "mimetype"} (a meeting's calendar).
    Each person is written to in their own language; `address_language` is the language for
    recipients given as bare addresses (English when not given or not one of the portal's).
    `template` is a name under `citytwins/email/` ("announcement") or a full prefix
    ("account/email/password_reset_key"). The context gets `recipient` (a user or None),
    `address`, `site_url`, `site_name` and, for a kind a person may turn off, `unsubscribe_url`.
    The row's key is f"{key}:{address}": a key already written is skipped, not duplicated and
    not an error. Users who turned this kind off get nothing. Returns the rows written now.
    """
    kind = Kind(kind)
    prefix = template if "/" in template else f"citytwins/email/{template}"
    targets = _recipients_resolve(kind, recipients)
    keys = {f"{key}:{address.lower()}": (user, address) for user, address in targets}
    existing = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    rows = [
        _notification_render(
            kind=kind,
            prefix=prefix,
            user=user,
            address=address,
            context=context,
            key=row_key,
            reply_to=reply_to,
            subject_prefix=subject_prefix,
            attachments=attachments or [],
            address_language=address_language,
        )
        for row_key, (user, address) in keys.items()
        if row_key not in existing
    ]
    written = _rows_write(rows)
    if written:
        transaction.on_commit(
            functools.partial(notifications_enqueue, [row.pk for row in written]), robust=True
        )
    return written


def _recipients_resolve(kind: Kind, recipients: Iterable["User | str"]) -> list[tuple]:
    """(user or None, address) pairs, each address once, without those who opted out."""
    targets = []
    seen = set()
    for recipient in recipients:
        if isinstance(recipient, str):
            user, address = None, recipient.strip()
        else:
            user, address = recipient, recipient.email
        if not address or address.lower() in seen:
            continue
        seen.add(address.lower())
        targets.append((user, address))
    if kind in OPT_OUT_KINDS:
        user_ids = [user.pk for user, _ in targets if user is not None]
        opted_out = set(
            NotificationPreference.objects.filter(
                user__in=user_ids, **{kind.value: False}
            ).values_list("user_id", flat=True)
        )
        targets = [
            (user, address) for user, address in targets if user is None or user.pk not in opted_out
        ]
    return targets


def _notification_render(
    *,
    kind,
    prefix,
    user,
    address,
    context,
    key,
    reply_to,
    subject_prefix,
    attachments,
    address_language,
) -> Notification:
    headers = {"Message-ID": make_msgid(idstring=uuid.uuid4().hex, domain=_mail_domain())}
    headers["Auto-Submitted"] = "auto-generated"
    if reply_to:
        headers["Reply-To"] = reply_to
    # The recipient's language, whatever the sender's page was in; a bare address gets the one
    # the caller knows for it (an invited person's city's, a visitor's page's), else the site's.
    language = getattr(user, "preferred_language", "") or address_language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        unsubscribe_url = ""
        if user is not None and kind in OPT_OUT_KINDS:
            token = unsubscribe_token(user_id=user.pk, kind=kind)
            unsubscribe_url = settings.SITE_URL + reverse("unsubscribe", kwargs={"token": token})
            # RFC 8058: a mail client may unsubscribe with one POST, no page, no sign-in.
            headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        ctx = {
            # Links the sender made (event_url, edit_url, …) lead to the page in this language.
            **{
                name: url_in_language(value, language) if _is_site_link(value) else value
                for name, value in context.items()
            },
            "recipient": user,
            "address": address,
            "site_url": settings.SITE_URL,
            "site_name": SITE_NAME,
            "unsubscribe_url": unsubscribe_url,
        }
        subject = render_to_string(f"{prefix}_subject.txt", ctx)
        text = render_to_string(f"{prefix}_message.txt", ctx).strip()
        try:
            html = render_to_string(f"{prefix}_message.html", ctx).strip()
        except TemplateDoesNotExist:
            html = ""
    subject = subject_prefix + " ".join(subject.splitlines()).strip()
    # A little in the future: the sweeper leaves the row to the task published after commit.
    first_attempt = timezone.now() + datetime.timedelta(
        seconds=settings.NOTIFICATION_PUBLISH_GRACE_SECONDS
    )
    row = Notification(
        next_attempt_at=first_attempt,
        recipient=user,
        address=address,
        kind=kind,
        language=language,
        subject=subject[:998],
        text=text,
        html=html,
        headers=headers,
        attachments=attachments,
        key=key,
        status=Status.PENDING,
    )
    row.raw = _wire_render(row)
    return row


def _wire_render(row: Notification) -> bytes:
    """The bytes a worker sends, built here so delivery only sends (building a MIME message costs
    more than sending it). A message that cannot be built is left to the worker, which records
    why it cannot be sent: the caller's change is never lost to an email."""
    try:
        return message_bytes(
            subject=row.subject,
            text=row.text,
            html=row.html,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=row.address,
            headers=row.headers,
            attachments=row.attachments,
        )
    except (ValueError, TypeError, UnicodeError, KeyError):
        logger.warning("notification %s left to render when sent", row.key, exc_info=True)
        return b""


def _is_site_link(value) -> bool:
    return isinstance(value, str) and value.startswith(settings.SITE_URL + "/")


def _mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "citytwins.net"


def _rows_write(rows: list[Notification]) -> list[Notification]:
    """Insert in one statement; if a concurrent send wrote one of the keys first, row by row."""
    if not rows:
        return []
    try:
        with transaction.atomic():
            return Notification.objects.bulk_create(rows)
    except IntegrityError:
        written = []
        for row in rows:
            row.pk = None
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
            except IntegrityError:
                continue
            written.append(row)
        return written
