"""PDF of one fiche or of a booklet of fiches (cover and table of contents), made on the server by WeasyPrint.

WeasyPrint needs Pango from the system (Debian: ``libpango-1.0-0 libpangoft2-1.0-0``).
"""

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

MAX_FICHES_PER_BOOKLET = 30
PDF_CACHE_SECONDS = 24 * 60 * 60


def fiche_pdf(fiches, request, booklet=False):
    """The PDF bytes of ``fiches``; with ``booklet`` a cover and a table of contents come first.

    Making a booklet takes seconds: the result is cached until one of its fiches is published again.
    """
    versions = ",".join(f"{fiche.pk}:{fiche.live_revision_id}" for fiche in fiches)
    identity = f"{booklet}|{request.get_host()}|{translation.get_language()}|{versions}"
    key = "fiches-pdf:" + hashlib.sha256(identity.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render(fiches, request, booklet)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def _render(fiches, request, booklet):
    from weasyprint import CSS, HTML

    html = render_to_string(
        "fiches/pdf/fiches.html",
        {"fiches": fiches, "booklet": booklet, "generated_at": timezone.now()},
        request=request,
    )
    stylesheet = CSS(filename=finders.find("fiches/css/fiche-pdf.css"))
    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=local_files_only)
    return document.write_pdf(stylesheets=[stylesheet])


def local_files_only(url, *args, **kwargs):
    """Images come from the site's media folder on disk; nothing is fetched from the network."""
    from weasyprint.urls import default_url_fetcher

    path = unquote(urlsplit(url).path)
    if path.startswith(settings.MEDIA_URL):
        root = Path(settings.MEDIA_ROOT).resolve()
        file = (root / path.removeprefix(settings.MEDIA_URL)).resolve()
        if file.is_relative_to(root) and file.is_file():
            return default_url_fetcher(file.as_uri(), *args, **kwargs)
    raise ValueError(f"Not fetched for a PDF: {url}")
