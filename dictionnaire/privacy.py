"""Children's personal data: pupils' nicknames, and what a draft must not say about anyone.

Pupils write with a first name or a nickname of one word, or a nickname picked for them (« Renard bleu »):
never a full name. Every field of a draft is scanned for e-mail addresses, phone numbers, street addresses,
« je m'appelle Prénom Nom » and the nicknames of the class's own pupils: the pupil is told kindly what to remove,
the adult cannot send the draft to the moderators until it is gone, and the moderators see a warning.
"""

import re
import secrets

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ANIMALS = [
    ("Renard", "m"),
    ("Loutre", "f"),
    ("Hibou", "m"),
    ("Tortue", "f"),
    ("Panda", "m"),
    ("Baleine", "f"),
    ("Castor", "m"),
    ("Girafe", "f"),
    ("Lynx", "m"),
    ("Abeille", "f"),
    ("Koala", "m"),
    ("Chouette", "f"),
]
COLOURS = [("bleu", "bleue"), ("vert", "verte"), ("orange", "orange"), ("rouge", "rouge"), ("doré", "dorée")]
COLOURS += [("violet", "violette"), ("rose", "rose"), ("argenté", "argentée")]

GENERATED = {
    f"{animal} {masculine if gender == 'm' else feminine}".lower()
    for animal, gender in ANIMALS
    for masculine, feminine in COLOURS
}


def generated_nickname(taken=()):
    """A nickname of an animal and a colour (« Renard bleu »), not one already ``taken`` if it can help it."""
    taken = {name.lower() for name in taken}
    for _attempt in range(30):
        animal, gender = secrets.choice(ANIMALS)
        masculine, feminine = secrets.choice(COLOURS)
        nickname = f"{animal} {masculine if gender == 'm' else feminine}"
        if nickname.lower() not in taken:
            return nickname
    return nickname


ONE_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")

NICKNAME_REFUSED = gettext_lazy(
    "Choisis juste ton prénom ou un surnom d'un seul mot (par exemple « Inès » ou « Tigre »), ou prends un surnom "
    "au hasard. Ton nom de famille reste secret : c'est plus sûr sur internet."
)


def nickname_problem(nickname):
    """Why this nickname is refused (it looks like a full name, an e-mail, a username), or ``None``."""
    nickname = " ".join((nickname or "").split())
    if nickname.lower() in GENERATED or ONE_WORD.match(nickname):
        return None
    return NICKNAME_REFUSED


# -- drafts -----------------------------------------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: French numbers (06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78), not the free lines (0 800 …).
PHONE = re.compile(r"(?<![\d])(?:(?:\+|00)\s?33\s?\(?0?\)?\s?[1-9]|0[1-79])(?:[\s.-]?\d{2}){4}(?!\d)")
STREET = re.compile(
    r"\b\d{1,4}\s*(?:bis|ter)?,?\s+(?:rue|avenue|av\.?|boulevard|bd|place|chemin|impasse|allée|allee|route|quai|"
    r"cours|square|résidence|residence|cité|cite|lotissement|voie|sentier|passage)\b",
    re.IGNORECASE,
)
FULL_NAME = re.compile(
    r"\b(?i:je m['’]appelle|mon nom (?:est|c['’]est)|mon prénom (?:est|c['’]est))\s+[A-ZÀ-Ý][\w'’-]+\s+[A-ZÀ-Ý][\w'’-]+"
)

KINDS = {
    "email": gettext_lazy("une adresse e-mail"),
    "phone": gettext_lazy("un numéro de téléphone"),
    "street": gettext_lazy("une adresse où quelqu'un habite"),
    "full_name": gettext_lazy("un nom de famille"),
    "nickname": gettext_lazy("le prénom d'un élève de la classe (« %(name)s »)"),
}


class Finding:
    def __init__(self, field, kind, found, name=""):
        self.field, self.kind, self.found, self.name = field, kind, found, name

    def __str__(self):
        return str(KINDS[self.kind]) % {"name": self.name} if self.kind == "nickname" else str(KINDS[self.kind])


def scan_text(text, nicknames=()):
    """What personal data ``text`` holds: ``[(kind, found text, nickname)]``."""
    text = text or ""
    found = []
    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("street", STREET), ("full_name", FULL_NAME)):
        found += [(kind, match.group(0), "") for match in pattern.finditer(text)]
    for name in nicknames:
        mentioned = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.IGNORECASE)
        if len(name) >= 3 and name.lower() not in GENERATED and mentioned:
            found.append(("nickname", name, name))
    return found


#: The fields of a definition that are scanned, as (attribute, label).
DRAFT_FIELDS = [
    ("word", gettext_lazy("Le mot")),
    ("short_definition", gettext_lazy("Définition courte")),
    ("full_definition", gettext_lazy("Définition complète")),
    ("variants", gettext_lazy("Autres orthographes")),
    ("synonyms", gettext_lazy("Synonymes")),
    ("definition_synonyms", gettext_lazy("Autres mots pour le dire")),
    ("usages", gettext_lazy("On dit")),
    ("danger", gettext_lazy("Ce que je trouve dangereux des fois")),
    ("cool", gettext_lazy("Ce que je trouve cool en même temps")),
    ("image_alt", gettext_lazy("Description de l'image")),
]


def scan_values(values, nicknames=()):
    """Personal data in a draft's fields (``{field: text}``): a list of :class:`Finding`."""
    from django.utils.html import strip_tags

    findings = []
    for field, _label in DRAFT_FIELDS:
        text = values.get(field)
        if field == "full_definition":
            text = strip_tags(text or "")
        for kind, found, name in scan_text(text, nicknames):
            findings.append(Finding(field, kind, found, name))
    return findings


def scan_term(term, nicknames=()):
    values = {field: getattr(term, field, "") for field, _label in DRAFT_FIELDS}
    values["image_alt"] = image_descriptions(values["image_alt"], (i.alt_text for i in term.images.all()))
    return scan_values(values, nicknames)


def image_descriptions(*texts):
    """Every description of a definition's images, as one text to scan (``texts``: strings or lists of them)."""
    flat = []
    for text in texts:
        flat += [text] if isinstance(text, str) else list(text)
    return "\n".join(t for t in flat if t)


def class_nicknames(classroom):
    """The nicknames of the pupils in the class's workshops (gone when a workshop closes)."""
    from dictionnaire.models import Pupil

    if classroom is None:
        return []
    return list(Pupil.objects.filter(workshop__classroom=classroom).values_list("nickname", flat=True).distinct())


def findings_message(findings):
    """A kind sentence for pupils: what to remove."""
    kinds = []
    for finding in findings:
        if str(finding) not in kinds:
            kinds.append(str(finding))
    return _(
        "Ton texte contient %(what)s. Enlève ces informations, s'il te plaît : sur internet, tout le monde pourrait "
        "les lire, et "
        "on protège les élèves de la classe."
    ) % {"what": ", ".join(kinds)}
