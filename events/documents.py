"""Members-only documents: where they are stored and what may be stored.

Files live under DOCUMENTS_ROOT, outside MEDIA_ROOT and any URL the web server serves; a view
that checks who asks sends them. What a file is comes from its content, never from its name or
the browser: PDF by its header, OpenDocument text by its `mimetype` entry, Word and Excel files
by their `[Content_Types].xml`. Anything else, macro-enabled Office files included, is refused.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 20 * 1024 * 1024
# Bounds for what a zip may unpack to, so a small upload cannot stand for gigabytes.
MAX_ZIP_ENTRIES = 5000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# The main part's content type in [Content_Types].xml names the kind of an OOXML package.
OOXML_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
NOT_ACCEPTED = _("Upload a PDF, an OpenDocument text (ODT), a Word (DOCX) or an Excel (XLSX) file.")


@deconstructible(path="events.documents.DocumentStorage")
class DocumentStorage(FileSystemStorage):
    """The file system under DOCUMENTS_ROOT. Its files have no URL: a view serves them."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.DOCUMENTS_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "DOCUMENTS_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError("Documents have no public URL; events:document_download serves.")


_storage = DocumentStorage()


def document_storage() -> DocumentStorage:
    """The documents' storage (a callable, so migrations name it instead of a path)."""
    return _storage


def document_upload_to(instance, filename: str) -> str:
    """A random name with the extension found in the content: the uploaded name goes nowhere."""
    return f"events/{uuid.uuid4().hex}.{instance.extension or 'bin'}"


def document_inspect(upload) -> tuple[str, str]:
    """(extension, content type) of an accepted file, found from its content; else
    ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is 20 MB."),
            code="too_large",
            params={"size": upload.size / 1024 / 1024},
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        extension = _pdf_check(upload)
    elif head.startswith(b"PK\x03\x04"):
        extension = _package_kind(upload)
    else:
        raise ValidationError(NOT_ACCEPTED, code="invalid_type")
    upload.seek(0)
    return extension, CONTENT_TYPES[extension]


def _pdf_check(upload) -> str:
    """A PDF ends with %%EOF (perhaps followed by line ends); a truncated one is refused."""
    upload.seek(max(upload.size - 1024, 0))
    if b"%%EOF" not in upload.read():
        raise ValidationError(_("This PDF seems incomplete: upload it again."), code="invalid_pdf")
    return "pdf"


def _package_kind(upload) -> str:
    try:
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or (
                sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
            ):
                raise ValidationError(
                    _("This file unpacks to too much data."), code="too_large_unpacked"
                )
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise ValidationError(
                    _("This file is encrypted: upload it without a password."), code="encrypted"
                )
            names = [entry.filename for entry in entries]
            if any("vbaproject" in name.lower() for name in names):
                raise ValidationError(
                    _("Files with macros are not accepted: save it as DOCX or XLSX without."),
                    code="macros",
                )
            # OpenDocument: the first entry is `mimetype`, stored uncompressed.
            if entries and names[0] == "mimetype" and entries[0].file_size < 200:
                if package.read("mimetype").strip() == ODT_MIMETYPE:
                    return "odt"
                raise ValidationError(NOT_ACCEPTED, code="invalid_type")
            if "[Content_Types].xml" in names:
                info = package.getinfo("[Content_Types].xml")
                if info.file_size < 1024 * 1024:
                    declared = package.read(info)
                    kinds = {kind for part, kind in OOXML_MAIN_PARTS.items() if part in declared}
                    if len(kinds) == 1 and b"macroEnabled" not in declared:
                        return kinds.pop()
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise ValidationError(
            _("This file is damaged and cannot be read."), code="damaged"
        ) from error
    raise ValidationError(NOT_ACCEPTED, code="invalid_type")
