"""Uploaded images: checked by their content, re-encoded, and stored under a random name.

Only JPEG, PNG and WebP are accepted whatever the file is called; SVG (which can carry script) and
everything else is refused. Re-encoding drops metadata (EXIF, comments, ICC profiles, XMP, text
chunks) and anything hidden after the image data. A replaced or removed image's file is deleted
once the change is committed (`image_file_forget`).
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


def image_reencode(upload) -> SimpleUploadedFile:
    """Return a clean copy of an uploaded JPEG, PNG or WebP, or raise ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is %(size).1f MB; the limit is 5 MB."),
            code="too_large",
            params={"size": upload.size / 1024 / 1024},
        )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                kind = probe.format
                width, height = probe.size
                if kind not in FORMATS:
                    raise ValidationError(
                        _("Upload a JPEG, PNG or WebP image."), code="invalid_format"
                    )
                if width > MAX_SIDE or height > MAX_SIDE:
                    raise ValidationError(
                        _("The image is %(width)d×%(height)d pixels; the limit is 4000×4000."),
                        code="too_many_pixels",
                        params={"width": width, "height": height},
                    )
                probe.load()
                image = probe.copy()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(
            _("This file is not a readable JPEG, PNG or WebP image."), code="invalid_image"
        ) from error

    # Metadata rides along in `info` and Pillow writes some of it back (a JPEG's comment, ICC
    # profiles, XMP): keep only what draws the picture.
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    if kind == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    if kind in {"PNG", "WEBP"} and image.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        image = image.convert("RGBA")
    output = io.BytesIO()
    image.save(output, format=kind, **({"quality": 88} if kind in {"JPEG", "WEBP"} else {}))
    suffix, content_type = FORMATS[kind]
    return SimpleUploadedFile(f"image.{suffix}", output.getvalue(), content_type=content_type)


def image_file_forget(storage: Storage, name: str) -> None:
    """Delete a stored image once the transaction that stopped using it commits (never if it
    rolls back: the row would still name the file)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)
