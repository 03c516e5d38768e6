import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.images import image_reencode


def picture(kind: str, size=(120, 80), mode="RGB", **save) -> bytes:
    output = io.BytesIO()
    colour = (30, 90, 140) if mode == "RGB" else 1
    Image.new(mode, size, colour).save(output, format=kind, **save)
    return output.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(("kind", "suffix"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_jpeg_png_and_webp_are_reencoded(kind, suffix):
    clean = image_reencode(upload(picture(kind), name="anything.bin"))
    assert clean.name == f"image.{suffix}"
    with Image.open(io.BytesIO(clean.read())) as image:
        assert image.format == kind
        assert image.size == (120, 80)


def test_metadata_and_trailing_bytes_are_dropped():
    exif = Image.Exif()
    exif[0x010E] = "GPS of the mayor's house"
    content = picture("JPEG", exif=exif.tobytes()) + b"<?php system($_GET['c']); ?>"
    clean = image_reencode(upload(content)).read()
    assert b"mayor" not in clean
    assert b"<?php" not in clean


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
REFUSED = {
    "php renamed .jpg": b"<?php echo 'hello'; ?>",
    "html renamed .jpg": b"<!doctype html><html><script>alert(1)</script></html>",
    "svg renamed .jpg": SVG,
    "truncated jpeg": picture("JPEG", size=(800, 600))[:900],
    "gif": picture("GIF"),
    "empty": b"",
}


@pytest.mark.parametrize("content", REFUSED.values(), ids=REFUSED.keys())
def test_anything_but_a_whole_jpeg_png_or_webp_is_refused(content):
    with pytest.raises(ValidationError):
        image_reencode(upload(content))


def test_a_six_megabyte_image_is_refused_before_decoding():
    content = picture("PNG", size=(1500, 1500)) + os.urandom(6 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        image_reencode(upload(content, name="big.png"))
    assert error.value.code == "too_large"


def test_more_than_4000_pixels_a_side_is_refused():
    with pytest.raises(ValidationError) as error:
        image_reencode(upload(picture("PNG", size=(4001, 10), mode="L"), name="wide.png"))
    assert error.value.code == "too_many_pixels"


def test_a_decompression_bomb_is_refused_without_being_decoded():
    # 14000 x 14000 pixels of one colour: kilobytes on disk, 196 megapixels once decoded.
    bomb = picture("PNG", size=(14000, 14000), mode="1")
    assert len(bomb) < 5 * 1024 * 1024
    with pytest.raises(ValidationError):
        image_reencode(upload(bomb, name="bomb.png"))


def metadata_free(content: bytes) -> dict:
    with Image.open(io.BytesIO(content)) as image:
        image.load()
        return {key: value for key, value in image.info.items() if key != "transparency"}


def test_a_jpeg_comment_is_dropped():
    content = picture("JPEG", comment=b"Call the mayor on +358 40 000 0000")
    with Image.open(io.BytesIO(content)) as original:
        assert original.info["comment"]  # the upload carries it
    clean = image_reencode(upload(content)).read()
    assert b"mayor" not in clean
    assert "comment" not in metadata_free(clean)


def test_png_text_and_icc_profile_are_dropped():
    from PIL import ImageCms, PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "the mayor's private address")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = picture("PNG", pnginfo=text, icc_profile=profile)
    clean = image_reencode(upload(content, name="a.png", content_type="image/png")).read()
    assert b"mayor" not in clean
    info = metadata_free(clean)
    assert "Author" not in info and "icc_profile" not in info


def test_webp_exif_and_xmp_are_dropped():
    exif = Image.Exif()
    exif[0x010E] = "GPS of the mayor's house"
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">the mayor</x:xmpmeta>'
    content = picture("WEBP", exif=exif.tobytes(), xmp=xmp)
    clean = image_reencode(upload(content, name="a.webp", content_type="image/webp")).read()
    assert b"mayor" not in clean
    assert not {"exif", "xmp"} & set(metadata_free(clean))


def test_a_palette_pngs_transparency_is_kept():
    content = picture("PNG", mode="P", transparency=1)
    clean = image_reencode(upload(content, name="a.png", content_type="image/png")).read()
    with Image.open(io.BytesIO(content)) as original, Image.open(io.BytesIO(clean)) as image:
        assert original.info["transparency"]
        assert image.info["transparency"] == original.info["transparency"]
