"""Uploads: images and documents are checked for what they really are, not what their name says.

Images are decoded in full by Pillow (a truncated or disguised file is refused), limited in size and pixel count
(decompression bombs are refused before they are decoded), restricted to JPEG, PNG, GIF and WebP, and stored
re-encoded without any metadata: EXIF (GPS position, camera, date), XMP, comments. Photos of children must never
tell where they were taken. Documents are limited by extension and size, and their content must match the
extension.
"""

import contextlib
import io
import logging
import os
import threading
import warnings
import zipfile

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageFile, ImageOps
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import Image

logger = logging.getLogger(__name__)

#: Pillow format name -> the extensions a file of that format may carry.
IMAGE_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "GIF": {"gif"}, "WEBP": {"webp"}}
JPEG_QUALITY = 90


class ImageRejected(ValueError):
    """An upload that is not an acceptable image; the message is for the person who sent it (French)."""


def max_image_pixels():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)


_STRICT_DECODING = threading.Lock()


@contextlib.contextmanager
def strict_decoding():
    """Pillow refuses truncated files, even though WeasyPrint switches ``LOAD_TRUNCATED_IMAGES`` on for the whole
    process when it is imported (PDF of the fiches)."""
    with _STRICT_DECODING:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def open_checked(data, name=""):
    """Decode ``data`` (bytes) in full with Pillow and return the image, or raise ImageRejected."""
    with strict_decoding():
        return _open_checked(data, name)


def _open_checked(data, name):
    limit = max_image_pixels()
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    with warnings.catch_warnings():
        # Pillow warns past MAX_IMAGE_PIXELS and refuses past twice that: refuse at our own limit, before decoding.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            image = PILImage.open(io.BytesIO(data))
            image_format = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
            if width * height * frames > limit:
                raise ImageRejected(
                    _("Cette image est trop grande : %(pixels)s millions de pixels, %(limit)s millions au plus.")
                    % {"pixels": round(width * height * frames / 1e6, 1), "limit": round(limit / 1e6)}
                )
            if image_format not in IMAGE_FORMATS:
                raise ImageRejected(_("Ce format d'image n'est pas accepté. Formats acceptés : JPEG, PNG, GIF, WebP."))
            if extension and extension not in IMAGE_FORMATS[image_format]:
                raise ImageRejected(
                    _("Le nom du fichier se termine par .%(extension)s mais c'est une image %(format)s.")
                    % {"extension": extension, "format": image_format}
                )
            image.verify()  # structure and checksums
            image = PILImage.open(io.BytesIO(data))
            for frame in range(frames):
                image.seek(frame)
                image.load()  # real decoding of every frame: a truncated file fails here
            image.seek(0)
        except ImageRejected:
            raise
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError) as exc:
            raise ImageRejected(_("Cette image est trop grande pour être ouverte sans risque.")) from exc
        except (OSError, SyntaxError, ValueError, EOFError, PILImage.UnidentifiedImageError) as exc:
            raise ImageRejected(
                _(
                    "Ce fichier n'est pas une image lisible, ou il est abîmé (incomplet). "
                    "Essayez de l'enregistrer à nouveau."
                )
            ) from exc
    return image


#: What a re-encoded image keeps of what Pillow read besides the pixels: how it looks and moves, nothing it says.
KEPT_INFO = {"transparency", "background", "duration", "loop"}


def bare(image):
    """``image`` without the comments, profiles and texts Pillow read with it (its encoders write them back)."""
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    return image


def clean_image_bytes(data, name=""):
    """The image re-encoded without metadata (EXIF, XMP, comments: a JPEG COM segment, a GIF comment extension,
    PNG texts), orientation applied. Returns bytes in the same format."""
    image = open_checked(data, name)
    image_format = image.format
    lossless = image.info.get("lossless")
    out = io.BytesIO()
    if image_format == "JPEG":
        upright = bare(ImageOps.exif_transpose(image))
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, comment=b"")
    elif getattr(image, "n_frames", 1) > 1:  # animated GIF or WebP: keep every frame and the timing, nothing else
        options = {"save_all": True, "loop": image.info.get("loop", 0)}
        if "duration" in image.info:
            options["duration"] = image.info["duration"]
        if image_format == "GIF":
            options["comment"] = b""  # the first frame's comment would be written in the file's header
        bare(image).save(out, image_format, **options)
    else:
        upright = bare(ImageOps.exif_transpose(image))
        options = {"comment": b""} if image_format == "GIF" else {}
        if image_format == "PNG" and upright.mode == "P" and "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
        if image_format == "WEBP":
            options = {"quality": JPEG_QUALITY} if not lossless else {"lossless": True}
        upright.save(out, image_format, **options)
    return out.getvalue()


class SafeImageField(WagtailImageField):
    """Wagtail's image field (extension, size, pixels, format) plus a full decoding by Pillow; the cleaned value is
    the image re-encoded without its metadata."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        # Size first (nothing is decoded from a file that is too big), then Pillow: Wagtail's own checks decode the
        # image too, and fail with an error page on a truncated file.
        if self.max_upload_size is not None and upload.size > self.max_upload_size:
            raise forms.ValidationError(
                _("Ce fichier est trop gros (%(size)s) : %(limit)s au plus.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(self.max_upload_size)},
                code="file_too_large",
            )
        upload.seek(0)
        raw = upload.read()
        upload.seek(0)
        try:
            cleaned = clean_image_bytes(raw, upload.name)
        except ImageRejected as exc:
            raise forms.ValidationError(str(exc), code="invalid_image") from exc
        checked = super().to_python(data)  # extension, format, pixels: Wagtail's checks on a sound image
        clean_file = SimpleUploadedFile(checked.name, cleaned, content_type=getattr(checked, "content_type", None))
        clean_file.image = checked.image
        clean_file.metadata_stripped = True
        return clean_file


class SafeImageForm(BaseImageForm):
    """The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields and not isinstance(self.fields["file"], SafeImageField):
            old = self.fields["file"]
            self.fields["file"] = SafeImageField(label=old.label, required=old.required, widget=old.widget)


@receiver(pre_save, sender=Image)
def strip_image_metadata(sender, instance, raw=False, **kwargs):
    """Whatever the path (admin form, import, demo data, shell), a new original is stored without metadata."""
    if raw or not instance.file:
        return
    file = instance.file
    if getattr(file, "_committed", True) or getattr(getattr(file, "file", None), "metadata_stripped", False):
        return
    file.seek(0)
    data = file.read()
    try:
        cleaned = clean_image_bytes(data, file.name)
    except ImageRejected:
        logger.warning("Image %s stored as given: Pillow cannot read it", file.name)
        file.seek(0)
        return
    instance.file = ContentFile(cleaned, name=os.path.basename(file.name))
    instance.file_size = len(cleaned)
    instance._set_file_hash()
    with PILImage.open(io.BytesIO(cleaned)) as image:
        instance.width, instance.height = image.size


# --- Documents ------------------------------------------------------------------------------------------------

ZIP_BASED = {"docx", "xlsx", "pptx", "odt"}
TEXT_BASED = {"csv", "txt"}


def document_content_matches(extension, head, file):
    """Whether the first bytes (and, for zip-based formats, the archive's table) fit the extension."""
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in TEXT_BASED:
        return b"\x00" not in head
    if extension in ZIP_BASED:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return ("mimetype" in names) if extension == "odt" else ("[Content_Types].xml" in names)
    return False


class SafeDocumentForm(BaseDocumentForm):
    """The admin's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): allowed types, size, content matching."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):  # unchanged on an edit
            return file
        limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        if limit and file.size > limit:
            raise forms.ValidationError(
                _("Ce fichier est trop gros (%(size)s) : %(limit)s au plus.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
            )
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
        if extension not in allowed:
            raise forms.ValidationError(
                _("Ce type de document n'est pas accepté. Types acceptés : %(types)s.")
                % {"types": ", ".join(allowed).upper()}
            )
        file.seek(0)
        head = file.read(2048)
        ok = document_content_matches(extension, head, file)
        file.seek(0)
        if not ok:
            raise forms.ValidationError(
                _("Le contenu de ce fichier ne correspond pas à un document .%(extension)s.") % {"extension": extension}
            )
        return file
