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
        "lexique",
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


#: The A–Z index's group for words that do not start with a letter from A to Z (digits, signs, other scripts).
OTHER_LETTER = "#"
#: The index's groups, in order: the other words first (as they sort), then A to Z.
INDEX_LETTERS = (OTHER_LETTER, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: Letters that no accent folding turns into A–Z.
FOLDED_LETTERS = {"Œ": "O", "Æ": "A", "ß": "S", "Ø": "O", "Ł": "L", "Đ": "D", "Þ": "T"}


def first_letter(word):
    """The word's group in the A–Z index: its first letter without accent, in capitals (``Émoji`` → ``E``),
    or :data:`OTHER_LETTER` (``4G``, ``@``)."""
    head = strip_accents(str(word or "").strip()[:1])[:1]
    letter = FOLDED_LETTERS.get(head.upper(), head.upper()[:1])
    return letter if len(letter) == 1 and "A" <= letter <= "Z" else OTHER_LETTER


def index_letter(value):
    """The index group asked for in an address (``b``, ``B``, ``é``, ``#``), or ``None`` when it is none."""
    value = str(value or "").strip()
    if value in ("0-9", "0–9"):
        return OTHER_LETTER
    if len(value) != 1:
        return None
    return first_letter(value)


def index_sort_key(word):
    """The order of words in the index: without accents and case (``Émoji`` between ``E-mail`` and ``Ethernet``)."""
    return strip_accents(str(word or "")).lower()[:160]
