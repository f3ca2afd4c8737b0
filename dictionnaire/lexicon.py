"""« Mon petit lexique »: the words a reader keeps, in a cookie (no account, no session), and their large-print PDF.

The list lives in the ``lexique`` cookie as slugs separated by commas, in the reader's order, and the title in
``lexique_titre``. Neither cookie makes the reader private for the whole-page cache (``portail.cache``): term pages
stay shared, and the « Ajouter à mon lexique » button is a plain POST form without a CSRF token, so it works on a
kept copy. Adding a word to one's own list is all it can do: nothing is published, nothing is lost.

The PDF (``lexique_pdf``) is rendered by WeasyPrint from ``dictionnaire/pdf/lexicon.html`` in large print: a cover
with the reader's title, one word per half page (its short definition, « dangereux des fois », « cool en même
temps », its illustration, a QR code back to its page) and an index. It is cached until the dictionary changes.
"""

import hashlib
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models import Case, IntegerField, When
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from portail.cache import generation

COOKIE = "lexique"
TITLE_COOKIE = "lexique_titre"
#: A year: the reader's list stays in the browser until removed.
COOKIE_AGE = 365 * 24 * 60 * 60
#: Most words in one lexique (a whole workshop's worth); more are ignored.
MAX_WORDS = 80
TITLE_MAX_LENGTH = 80
PDF_CACHE_SECONDS = 24 * 60 * 60
SLUG_RE = re.compile(r"^[-a-z0-9_]{1,80}$")


def parse_slugs(value):
    """The slugs of ``wi-fi,qr-code,…`` (from a cookie or ``?mots=``): valid ones only, order kept, no duplicates."""
    slugs = []
    for part in str(value or "").lower().split(","):
        part = part.strip()
        if SLUG_RE.match(part) and part not in slugs:
            slugs.append(part)
        if len(slugs) >= MAX_WORDS:
            break
    return slugs


def clean_title(value):
    """The reader's title, on one line, without control characters; empty when none was given."""
    title = " ".join(str(value or "").split())
    return "".join(c for c in title if c.isprintable())[:TITLE_MAX_LENGTH]


def default_title():
    return _("Mon petit lexique")


def read(request):
    """``(slugs, title)`` kept in this browser."""
    return parse_slugs(request.COOKIES.get(COOKIE, "")), clean_title(unquote(request.COOKIES.get(TITLE_COOKIE, "")))


def write(response, slugs, title=None):
    """Keep ``slugs`` (and ``title`` when given) in the browser's cookies."""
    options = {"max_age": COOKIE_AGE, "samesite": "Lax", "httponly": True}
    if slugs:
        response.set_cookie(COOKIE, ",".join(slugs[:MAX_WORDS]), **options)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    if title is not None:
        if title:
            response.set_cookie(TITLE_COOKIE, quote(clean_title(title)), **options)
        else:
            response.delete_cookie(TITLE_COOKIE, samesite="Lax")
    return response


def move(slugs, slug, offset):
    """``slugs`` with ``slug`` moved up (-1) or down (+1) one place."""
    slugs = list(slugs)
    if slug not in slugs:
        return slugs
    index = slugs.index(slug)
    target = max(0, min(len(slugs) - 1, index + offset))
    slugs.insert(target, slugs.pop(index))
    return slugs


def terms_for(slugs):
    """The published terms of ``slugs`` in that order (unknown or unpublished slugs are left out): one query."""
    from dictionnaire.models import Term

    if not slugs:
        return []
    order = Case(*[When(slug=slug, then=index) for index, slug in enumerate(slugs)], output_field=IntegerField())
    return list(
        Term.objects.live()
        .filter(slug__in=slugs)
        .select_related("image")
        .only(
            "pk",
            "word",
            "slug",
            "category",
            "short_definition",
            "danger",
            "cool",
            "image",
            "image_alt",
            "variants",
            "live",
        )
        .order_by(order)
    )


def share_query(slugs, title):
    """``mots=wi-fi,qr-code&titre=…``: the address that gives this lexique to someone else."""
    query = "mots=" + ",".join(slugs)
    if title:
        query += "&titre=" + quote(title)
    return query


# -- the PDF ---------------------------------------------------------------------------------------------------


def lexicon_pdf(terms, title, request, grouped=False):
    """The PDF bytes of ``terms`` under ``title``; cached until anything of the dictionary changes.

    ``grouped``: the whole dictionary as a booklet, its words by category.
    """
    identity = repr(
        (
            [term.slug for term in terms],
            title,
            grouped,
            request.get_host(),
            request.is_secure(),
            translation.get_language(),
            generation("dictionnaire"),
        )
    )
    key = "lexique-pdf:" + hashlib.sha256(identity.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(terms, title, request, grouped)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def qr_data_uri(url):
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def illustration_url(term):
    """The absolute address of a small rendition of the term's illustration, or ``""``."""
    if not term.image_id:
        return ""
    try:
        return term.image.get_rendition("max-500x300|format-jpeg").url
    except Exception:  # a missing or broken file must not stop the PDF
        return ""


def LocalFetcher():  # noqa: N802 - a factory of WeasyPrint's fetcher class, imported late (WeasyPrint is heavy)
    """WeasyPrint's fetcher limited to ``data:`` addresses (the QR codes) and the site's media files on disk."""
    from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = unquote(urlsplit(url).path)
            if path.startswith(settings.MEDIA_URL):
                root = Path(settings.MEDIA_ROOT).resolve()
                file = (root / path.removeprefix(settings.MEDIA_URL)).resolve()
                if file.is_relative_to(root) and file.is_file():
                    return super().fetch(file.as_uri(), headers)
            raise ValueError(f"Not fetched for a PDF: {url}")

    return Fetcher(allowed_protocols=("data", "file"), timeout=5)


def render_pdf(terms, title, request, grouped=False):
    from weasyprint import CSS, HTML

    from dictionnaire.models import Category
    from dictionnaire.text import index_sort_key

    entries = [
        {
            "term": term,
            "qr": qr_data_uri(request.build_absolute_uri(term.url)),
            "image": illustration_url(term),
            "address": request.build_absolute_uri(term.url),
            "number": number,
        }
        for number, term in enumerate(terms, start=1)
    ]
    # Numbers rather than page numbers in the index: no second layout pass (WeasyPrint's target-counter costs two).
    index = sorted(entries, key=lambda entry: index_sort_key(entry["term"].word))
    groups = []
    if grouped:
        labels = dict(Category.choices)
        for value, label in labels.items():
            members = [entry for entry in entries if entry["term"].category == value]
            if members:
                groups.append({"label": label, "entries": members})
    else:
        groups = [{"label": "", "entries": entries}]
    html = render_to_string(
        "dictionnaire/pdf/lexicon.html",
        {"title": title, "groups": groups, "entries": entries, "index": index, "site": request.get_host()},
        request=request,
    )
    stylesheet = CSS(filename=finders.find("dictionnaire/css/lexique-pdf.css"))

    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=LocalFetcher())
    return document.write_pdf(stylesheets=[stylesheet])
