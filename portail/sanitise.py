"""The one HTML policy of the site: what rich text people write may keep, on save and again on display.

Rich text (a definition's fuller text, the text of the home and section pages, the boussole's glossary) is
cleaned by bleach against an allow-list of tags, attributes and protocols when it is saved, and cleaned again
when it is shown, so that text stored before a stricter policy, or written straight to the database by an
import, never reaches a reader unfiltered. Every other field is plain text and is escaped by the templates.
Links get ``rel="nofollow noopener"``; addresses put in ``href`` by the templates go through ``safe_url``.
"""

import unicodedata
from urllib.parse import urlsplit

import bleach
from bleach.html5lib_shim import Filter
from wagtail.fields import RichTextField

#: Tags a rich text may hold: paragraphs, two levels of headings, lists, bold, italic and links.
TAGS = ["p", "br", "h2", "h3", "ul", "ol", "li", "b", "strong", "i", "em", "a"]
#: ``linktype`` and ``id`` keep Wagtail's internal links (``<a linktype="page" id="3">``) in the stored form.
STORED_ATTRIBUTES = {"a": ["href", "linktype", "id", "title", "rel"]}
SHOWN_ATTRIBUTES = {"a": ["href", "title", "rel"]}
PROTOCOLS = ["http", "https", "mailto", "tel"]
LINK_REL = "nofollow noopener"


class LinkRelFilter(Filter):
    """Every link that leads somewhere gets ``rel="nofollow noopener"``, whatever rel it came with."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attributes = dict(token["data"])
                if (None, "href") in attributes:
                    attributes[(None, "rel")] = LINK_REL
                token["data"] = attributes
            yield token


def _cleaner(tags, attributes):
    return bleach.Cleaner(
        tags=tags, attributes=attributes, protocols=PROTOCOLS, strip=True, strip_comments=True, filters=[LinkRelFilter]
    )


_STORED = _cleaner(TAGS, STORED_ATTRIBUTES)
_SHOWN = _cleaner(TAGS, SHOWN_ATTRIBUTES)


def clean_html(html, tags=None, shown=False):
    """``html`` with only the allowed tags (``tags`` narrows them), attributes and link protocols."""
    if not html:
        return ""
    if tags is None:
        cleaner = _SHOWN if shown else _STORED
    else:
        cleaner = _cleaner(tags, SHOWN_ATTRIBUTES if shown else STORED_ATTRIBUTES)
    return cleaner.clean(str(html))


def safe_url(value):
    """``value`` if it is a web, mail or phone address or a path of the site, else an empty string."""
    value = (value or "").strip()
    if not value:
        return ""
    if any(ord(char) < 32 for char in value):
        return ""
    parts = urlsplit(value)
    if parts.scheme:
        return value if parts.scheme.lower() in PROTOCOLS else ""
    # no scheme: a path of this site, never a protocol-relative address to another one
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else ""


class SanitisedRichTextField(RichTextField):
    """A Wagtail rich-text field whose value is cleaned by the site's policy every time it is saved."""

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        # Migrations see a plain RichTextField: the cleaning is behaviour, not schema.
        name, _path, args, kwargs = super().deconstruct()
        return name, "wagtail.fields.RichTextField", args, kwargs


def plain_query(value, max_length=100):
    """A search typed by someone: control characters (NUL included, which PostgreSQL refuses) and double quotes
    (an unbalanced one is a syntax error for SQLite's full-text engine) become spaces, runs of spaces one, cut to
    ``max_length``."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs") or char == '"' else char for char in str(value or "")
    )
    return " ".join(text.split())[:max_length]
