"""Mail under `make run`: written one plain file per message to var/mail/, and read back at
/dev/mail/ (routed only when DEBUG is on).

The files are .eml with 8-bit UTF-8 text parts and UTF-8 headers, so a text editor shows them
as written ("Tornio – Haparanda", whole links), and any mail program opens them.
"""

import datetime
import email.policy
import uuid
from dataclasses import dataclass
from email import message_from_bytes
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

# 998 characters is the most a line of a message may hold (RFC 5322): below it no part needs
# quoted-printable or base64, so the file reads as it was written.
FILE_POLICY = email.policy.default.clone(utf8=True, max_line_length=998)


class EmailBackend(filebased.EmailBackend):
    """One .eml file per message, readable in a text editor."""

    def open(self) -> bool:
        return False

    def close(self) -> None:
        pass

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages or []:
            name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"
            data = message.message(policy=FILE_POLICY).as_bytes()
            (Path(self.file_path) / name).write_bytes(data)
            count += 1
        return count


@dataclass
class MailFile:
    name: str
    subject: str
    recipients: list[str]
    sent_at: datetime.datetime | None
    text: str
    html: str


def mail_folder() -> Path | None:
    """The folder the default mailer writes to, when it writes files."""
    options = settings.MAILERS.get("default", {}).get("OPTIONS", {})
    folder = options.get("file_path")
    return Path(folder) if folder else None


def mail_read(file: Path) -> MailFile:
    message = message_from_bytes(file.read_bytes(), policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    try:
        sent_at = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        sent_at = None
    return MailFile(
        name=file.stem,
        subject=str(message["Subject"] or ""),
        recipients=[address for _, address in getaddresses(message.get_all("To", []))],
        sent_at=sent_at,
        text=text.get_content() if text is not None else "",
        html=html.get_content() if html is not None else "",
    )


def mails_list() -> list[Path]:
    folder = mail_folder()
    if folder is None or not folder.is_dir():
        return []
    return sorted(folder.glob("*.eml"), reverse=True)


def _mail_get(name: str) -> MailFile:
    """Only a file the folder lists: a name is never turned into a path of its own."""
    for file in mails_list():
        if file.stem == name:
            return mail_read(file)
    raise Http404


@require_safe
def mail_list(request):
    """The emails written under var/mail/, newest first."""
    return render(
        request,
        "citytwins/dev_mail_list.html",
        {"mails": [mail_read(file) for file in mails_list()], "folder": mail_folder()},
    )


@require_safe
def mail_detail(request, name):
    """One email as text, and its HTML part in a sandboxed frame."""
    return render(request, "citytwins/dev_mail_detail.html", {"mail": _mail_get(name)})


# The HTML part runs no script and loads nothing but inline styles and images; its links open
# in the page around the frame (the portal refuses to be framed).
MAIL_HTML_POLICY = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "http:", "https:"],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.NONE],
}


@require_safe
@xframe_options_sameorigin
@csp_override(MAIL_HTML_POLICY)
def mail_html(request, name):
    mail = _mail_get(name)
    if not mail.html:
        raise Http404
    return HttpResponse('<base target="_top">' + mail.html, content_type="text/html")


urlpatterns = [
    path("dev/mail/", mail_list, name="dev_mail_list"),
    path("dev/mail/<str:name>/", mail_detail, name="dev_mail_detail"),
    path("dev/mail/<str:name>/html/", mail_html, name="dev_mail_html"),
]
