"""Members-only documents: checked by content, stored under random names outside the public
media, served only through a view that checks who asks."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from events import documents
from events.documents import document_inspect
from events.models import EventDocument
from events.services.samples import minutes_pdf

pytestmark = pytest.mark.django_db

PDF = minutes_pdf(["Minutes of the board meeting."])
DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def package(entries: list[tuple[str, bytes]], *, first_stored: bool = False) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(entries):
            kind = zipfile.ZIP_STORED if first_stored and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=kind)
    return output.getvalue()


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    return package(
        [("mimetype", mimetype), ("content.xml", b"<office:document/>")], first_stored=True
    )


def docx(types: bytes = DOCX_TYPES, *extra) -> bytes:
    return package(
        [("[Content_Types].xml", types), ("word/document.xml", b"<w:document/>"), *extra]
    )


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Registrations"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(content: bytes, name: str = "file.bin", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("content", "extension"),
    [(PDF, "pdf"), (odt(), "odt"), (docx(), "docx"), (xlsx(), "xlsx")],
    ids=["pdf", "odt", "docx", "xlsx"],
)
def test_the_four_kinds_are_recognised_by_content_whatever_their_name(content, extension):
    found, content_type = document_inspect(upload(content, name="harmless.txt"))
    assert found == extension
    assert content_type == documents.CONTENT_TYPES[extension]


MACRO_TYPES = DOCX_TYPES.replace(
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "invalid_type"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "invalid_type"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "invalid_type"),
        (PDF[:-12], "invalid_pdf"),
        (odt(b"application/vnd.oasis.opendocument.spreadsheet"), "invalid_type"),
        (docx(MACRO_TYPES), "invalid_type"),
        (docx(DOCX_TYPES, ("word/vbaProject.bin", b"\x00")), "macros"),
        (package([("readme.txt", b"hello")]), "invalid_type"),
        (b"PK\x03\x04 not really a zip", "damaged"),
    ],
    ids=["html", "exe", "png", "truncated-pdf", "ods", "docm", "vba", "plain-zip", "broken-zip"],
)
def test_anything_else_is_refused_with_a_reason(content, code):
    with pytest.raises(ValidationError) as caught:
        document_inspect(upload(content, name="minutes.pdf"))
    assert caught.value.code == code


def test_a_file_over_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as caught:
        document_inspect(upload(PDF + b" " * 1000))
    assert caught.value.code == "too_large"


def test_a_zip_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 10_000)
    bomb = docx(DOCX_TYPES, ("word/media/zeros.bin", b"\x00" * 50_000))
    assert len(bomb) < 2_000
    with pytest.raises(ValidationError) as caught:
        document_inspect(upload(bomb))
    assert caught.value.code == "too_large_unpacked"


def test_an_encrypted_package_is_refused():
    content = bytearray(docx())
    # Set the "encrypted" flag of the first local header and of its central directory entry.
    content[6] |= 0x1
    central = content.find(b"PK\x01\x02")
    content[central + 8] |= 0x1
    with pytest.raises(ValidationError) as caught:
        document_inspect(upload(bytes(content)))
    assert caught.value.code == "encrypted"


@pytest.fixture
def minutes(meeting, settings):
    document = EventDocument(
        event=meeting,
        title="Minutes of the joint meeting",
        extension="pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    document.file.save("upload", ContentFile(PDF), save=False)
    document.save()
    return document


def test_stored_under_a_random_name_outside_the_public_media(minutes, settings):
    path = Path(minutes.file.path)
    assert path.is_file() and path.read_bytes() == PDF
    assert Path(settings.DOCUMENTS_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    assert path.name != "upload" and len(path.stem) == 32 and path.suffix == ".pdf"
    with pytest.raises(NotImplementedError):
        minutes.file.url  # noqa: B018 (there is no public address to give)


def download_url(document) -> str:
    return f"/events/{document.event.slug}/documents/{document.key}/"


def test_a_member_downloads_it_as_an_attachment_never_rendered(client, minutes, tornio_staff):
    client.force_login(tornio_staff)
    response = client.get(download_url(minutes))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="minutes-of-the-joint-meeting.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_event_page_lists_documents_for_members_only(client, minutes, tornio_staff, outsider):
    assert (
        "Minutes of the joint meeting"
        not in client.get("/events/border-crossing-narva/").content.decode()
    )
    client.force_login(outsider)
    assert (
        "Minutes of the joint meeting"
        not in client.get("/events/border-crossing-narva/").content.decode()
    )
    client.force_login(tornio_staff)
    page = client.get("/events/border-crossing-narva/").content.decode()
    assert f'href="{download_url(minutes)}"' in page


def test_anonymous_and_non_members_never_get_the_file(client, minutes, outsider):
    response = client.get(download_url(minutes))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(outsider)
    assert client.get(download_url(minutes)).status_code == 404


def test_a_document_of_a_members_only_event_is_404_to_non_members(
    client, members_meeting, outsider, narva_staff
):
    document = EventDocument(
        event=members_meeting,
        title="Board minutes",
        extension="pdf",
        content_type="application/pdf",
    )
    document.file.save("upload", ContentFile(PDF), save=False)
    document.save()
    client.force_login(outsider)
    assert client.get(download_url(document)).status_code == 404
    client.force_login(narva_staff)
    assert client.get(download_url(document)).status_code == 200


def test_a_wrong_key_or_another_events_slug_is_404(client, minutes, members_meeting, tornio_staff):
    client.force_login(tornio_staff)
    assert client.get(f"/events/border-crossing-narva/documents/{'0' * 32}/").status_code == 404
    assert client.get(f"/events/board-meeting/documents/{minutes.key}/").status_code == 404


def test_a_missing_file_is_404_not_a_server_error(client, minutes, tornio_staff):
    Path(minutes.file.path).unlink()
    client.force_login(tornio_staff)
    assert client.get(download_url(minutes)).status_code == 404


def test_the_file_goes_with_its_row(minutes, django_capture_on_commit_callbacks):
    path = Path(minutes.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        minutes.delete()
    assert not path.exists()


def test_documents_inside_the_public_media_stop_the_checks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENTS_ROOT = tmp_path / "media" / "documents"
    assert [error.id for error in run_checks() if error.id.startswith("events.")] == ["events.E001"]
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    assert [error.id for error in run_checks() if error.id.startswith("events.")] == []
