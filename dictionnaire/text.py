"""Text helpers of the dictionary: matching keys, slugs, and the bleach policy for rich text."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portail.sanitise import clean_html

#: Paths under /dictionnaire/ that belong to the site itself, so no term may take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "recherche",
        "demander",
        "atelier",
        "ateliers",
        "classes",
        "classe",
        "suivi",
        "export",
        "exports",
        "api",
        "chiffres",
        "connexion",
        "deconnexion",
        "admin",
        "termes",
        "lettre",
        "categorie",
        "moi-aussi",
        "static",
        "media",
    }
)

#: Rich-text features a class may use in a fuller definition: paragraphs, lists, bold, links.
DEFINITION_FEATURES = ["bold", "italic", "ol", "ul", "link"]

ALLOWED_TAGS = ["p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "a"]


def sanitise_html(html, shown=False):
    """Keep only the limited rich text of a definition (the site's policy in ``portail.sanitise``, no headings);
    everything else (scripts, styles, events, dangerous links) goes. ``shown``: the form for display."""
    return clean_html(html, tags=ALLOWED_TAGS, shown=shown)


def strip_accents(value):
    return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))


def match_key(word):
    """The same word in any case, accent or spelling of separators gives the same key: ``Wi-Fi`` → ``wifi``."""
    return re.sub(r"[^0-9a-z@#+]", "", strip_accents(str(word)).lower().replace("œ", "oe"))


def split_list(value):
    """A list typed as lines or separated by semicolons, cleaned of blanks and duplicates (order kept)."""
    items = []
    for part in re.split(r"[;\n]", value or ""):
        part = part.strip()
        if part and part not in items:
            items.append(part)
    return items


def slug_for(word):
    return slugify(strip_accents(word)) or "mot"


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("« %(slug)s » est réservé par le site, choisissez une autre adresse."), params={"slug": slug}
        )


def first_letter(word):
    letter = strip_accents(word[:1]).upper()
    return letter if letter.isalpha() else "0–9"
