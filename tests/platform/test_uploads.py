"""Uploads: crafted files against the image and document checks (see portail/uploads.py).

Every crafted file is made here with Pillow or by hand; no binary fixture. ``CRAFTED`` counts them for the report.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(size=(40, 20), orientation=6):
    """A JPEG taken 'at' Lille, rotated by EXIF (orientation 6: the camera was turned), with camera details."""
    image = PILImage.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    exif = PILImage.Exif()
    exif[0x010F] = "Appareil-Photo-Espion"  # Make
    exif[0x0132] = "2026:11:23 10:00:00"  # DateTime
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 37.0, 45.0), 3: "E", 4: (3.0, 3.0, 50.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def png_bytes(size=(30, 30), **info):
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    out = io.BytesIO()
    PILImage.new("RGB", size, (0, 120, 0)).save(out, "PNG", pnginfo=meta)
    return out.getvalue()


def tiff_bytes():
    out = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(out, "TIFF")
    return out.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width, height):
    """A tiny PNG whose header claims a huge size: a decompression bomb is refused before any decoding."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + png_chunk(b"IEND", b"")
    )


def upload(client, name, data, title="Photo de l'atelier"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": SimpleUploadedFile(name, data), "collection": _root_collection_id()},
    )


def _root_collection_id():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


def error_text(response):
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def editor(superuser, admin_client_for):
    return admin_client_for(superuser)


def stored(title="Photo de l'atelier"):
    image = get_image_model().objects.get(title=title)
    with image.file.open("rb") as f:
        data = f.read()
    return image, data


def test_gps_tagged_jpeg_is_stored_without_any_metadata_and_upright(editor):
    original = jpeg_with_gps()
    assert b"Appareil-Photo-Espion" in original and PILImage.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    response = upload(editor, "atelier.jpg", original)

    assert response.status_code == 302, error_text(response)
    image, data = stored()
    saved = PILImage.open(io.BytesIO(data))
    assert saved.format == "JPEG"
    assert not saved.getexif(), "no EXIF at all: no GPS, no camera, no date"
    assert "exif" not in saved.info and b"Appareil-Photo-Espion" not in data and b"GPS" not in data
    assert saved.size == (20, 40), "the EXIF rotation is applied to the pixels before the tag is dropped"
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(data)


def test_metadata_is_stripped_from_png_text_and_webp_exif(editor):
    upload(editor, "carte.png", png_bytes(Comment="Rue des Écoles, Lille", Author="Lina, 9 ans"), title="png")
    out = io.BytesIO()
    exif = PILImage.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 37.0, 45.0)})
    PILImage.new("RGB", (16, 16), (1, 2, 3)).save(out, "WEBP", exif=exif)
    upload(editor, "photo.webp", out.getvalue(), title="webp")

    _png, png_data = stored("png")
    _webp, webp_data = stored("webp")
    assert b"Lina" not in png_data and b"Rue des" not in png_data
    assert not PILImage.open(io.BytesIO(png_data)).info.get("Author")
    assert not PILImage.open(io.BytesIO(webp_data)).getexif()


def test_polyglot_jpeg_with_a_script_is_neutralised_by_re_encoding(editor):
    payload = b"<html><script>alert(document.cookie)</script></html>"
    polyglot = jpeg_with_gps() + payload  # a valid JPEG that is also an HTML page after its end marker

    response = upload(editor, "polyglotte.jpg", polyglot)

    assert response.status_code == 302
    _image, data = stored()
    assert payload not in data and b"<script" not in data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tronquee.jpg", jpeg_with_gps((300, 300))[:-400], "abîmé"),
        ("page.gif", b"GIF89a<script>alert(1)</script>", "n'est pas une image"),
        ("bombe.png", png_claiming(60_000, 60_000), "trop grande"),
        ("deguisee.jpg", png_bytes(), "c'est une image PNG"),
        ("dessin.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "n'est pas une image"),
        ("scan.tiff", tiff_bytes(), "format d'image n'est pas accepté"),
        ("vide.png", b"", "vide"),
    ],
    ids=["truncated", "html-polyglot-gif", "pixel-bomb", "wrong-extension", "svg-as-png", "tiff", "empty"],
)
def test_crafted_images_are_refused_with_a_french_message(editor, name, data, message):
    response = upload(editor, name, data)

    assert response.status_code == 200, "the form comes back with the error"
    assert message in error_text(response)
    assert not get_image_model().objects.exists()


def test_a_truncated_image_is_refused_even_once_weasyprint_allowed_them(editor, monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does

    response = upload(editor, "tronquee.jpg", jpeg_with_gps((300, 300))[:-400])

    assert "abîmé" in error_text(response)
    assert not get_image_model().objects.exists()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True, "the PDF code keeps its setting"


def test_an_image_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    big = io.BytesIO()
    PILImage.effect_noise((120, 120), 100).convert("RGB").save(big, "PNG")

    response = upload(editor, "bruit.png", big.getvalue())

    assert response.status_code == 200 and not get_image_model().objects.exists()
    assert "trop" in error_text(response).lower()


def test_images_created_outside_the_admin_lose_their_metadata_too(db):
    from wagtail.models import Collection

    image = get_image_model()(title="import", collection=Collection.get_first_root_node())
    image.file = ImageFile(io.BytesIO(jpeg_with_gps()), name="import.jpg")
    image.save()

    with image.file.open("rb") as f:
        data = f.read()
    assert not PILImage.open(io.BytesIO(data)).getexif()
    assert (image.width, image.height) == (20, 40)


def docx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def upload_document(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, data), "collection": _root_collection_id()},
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("livret.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
        ("fiche.docx", docx_bytes()),
    ],
)
def test_real_documents_are_accepted(editor, name, data):
    response = upload_document(editor, name, data)

    assert response.status_code == 302, error_text(response)
    assert get_document_model().objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("programme.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "ne correspond pas"),
        ("lettre.docx", b"<html><script>alert(1)</script></html>", "ne correspond pas"),
        ("page.html", b"<html><script>alert(1)</script></html>", "type de document n'est pas accepté"),
        ("outil.exe", b"MZ\x90\x00", "type de document n'est pas accepté"),
    ],
    ids=["exe-as-pdf", "html-as-docx", "html", "exe"],
)
def test_crafted_documents_are_refused(editor, name, data, message):
    response = upload_document(editor, name, data)

    assert response.status_code == 200
    assert message in error_text(response).lower()
    assert not get_document_model().objects.exists()


def test_a_document_over_the_size_limit_is_refused(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000

    response = upload_document(editor, "gros.pdf", b"%PDF-1.7\n" + b"0" * 5_000)

    assert response.status_code == 200 and not get_document_model().objects.exists()


#: Crafted files tried by this module (for the report). Images: GPS JPEG, PNG with text chunks, WebP with GPS EXIF,
#: JPEG+HTML polyglot, the 7 refused ones above, an oversized PNG (12; the GPS JPEG is also stored outside the admin).
#: Documents: a PDF and a .docx accepted, the 4 refused ones above, an oversized PDF (7).
CRAFTED = {"images": 12, "documents": 7}


SECRET = b"Photo prise chez Lina, 12 rue des Ecoles"


def jpeg_with_comment_segment():
    """A JPEG with a COM segment put in by hand right after the start marker (as cameras and editors do)."""
    out = io.BytesIO()
    PILImage.new("RGB", (24, 24), (10, 160, 90)).save(out, "JPEG", quality=90)
    data = out.getvalue()
    segment = b"\xff\xfe" + struct.pack(">H", len(SECRET) + 2) + SECRET
    return data[:2] + segment + data[2:]


def gif_with_comment(frames=1):
    """A GIF (animated when ``frames`` > 1) with a comment extension in its header and in a later frame."""
    images = [PILImage.new("RGB", (12, 12), (index * 80, 200 - index * 60, 30)) for index in range(frames)]
    for index, image in enumerate(images[1:], start=1):
        image.info["comment"] = SECRET + b" (image %d)" % index
    out = io.BytesIO()
    options = {"save_all": True, "append_images": images[1:], "duration": 100, "loop": 0} if frames > 1 else {}
    images[0].save(out, "GIF", comment=SECRET, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "build", "image_format"),
    [
        ("com.jpg", jpeg_with_comment_segment, "JPEG"),
        ("commentaire.gif", gif_with_comment, "GIF"),
        ("anime.gif", lambda: gif_with_comment(frames=3), "GIF"),
    ],
)
def test_comments_are_stripped_from_jpeg_and_gif(editor, name, build, image_format):
    original = build()
    assert SECRET in original and PILImage.open(io.BytesIO(original)).info.get("comment")
    assert getattr(PILImage.open(io.BytesIO(original)), "n_frames", 1) == (3 if name == "anime.gif" else 1)

    response = upload(editor, name, original)

    assert response.status_code == 302, error_text(response)
    _image, data = stored()
    saved = PILImage.open(io.BytesIO(data))
    assert saved.format == image_format
    assert SECRET not in data and b"Lina" not in data
    assert b"\xff\xfe" not in data[: data.find(b"\xff\xda")] if image_format == "JPEG" else b"!\xfe" not in data
    for frame in range(getattr(saved, "n_frames", 1)):
        saved.seek(frame)
        assert not saved.info.get("comment"), f"frame {frame} keeps a comment"
    if name == "anime.gif":
        assert saved.n_frames == 3, "an animation keeps its frames"


def test_images_created_outside_the_admin_lose_their_comments_too(db):
    from wagtail.models import Collection

    image = get_image_model()(title="import", collection=Collection.get_first_root_node())
    image.file = ImageFile(io.BytesIO(jpeg_with_comment_segment()), name="import.jpg")
    image.save()

    with image.file.open("rb") as f:
        data = f.read()
    assert SECRET not in data
    assert not PILImage.open(io.BytesIO(data)).info.get("comment")
