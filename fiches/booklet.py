"""The booklet's JSON (``data/fiches-2019.json``): validation, and conversion to and from page content.

``validate`` refuses a malformed file with messages naming the fiche and the field. ``body_from_sections``
turns the printed sections into StreamField blocks and ``sections_from_body`` gives them back, so that the
text on the site can be checked against the file word for word.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DATA_FILE = Path(__file__).resolve().parent / "data" / "fiches-2019.json"

SOURCE = (
    "« L'intergénération au défi du numérique — 26 expériences inspirantes en Hauts-de-France », "
    "livret publié par Générations et Cultures, 2019"
)

DEPARTEMENTS = {"02": "Aisne", "59": "Nord", "60": "Oise", "62": "Pas-de-Calais", "80": "Somme"}

TESTIMONIALS_HEADING = "Témoignages"
INSERT_HEADINGS = {"Quand les enfants deviennent profs"}

#: Printed headings (lower case) → normalised kind of SectionBlock.
HEADING_KINDS = {
    "contexte": "context",
    "objectifs": "objectives",
    "objectifs de l'action": "objectives",
    "description de l'action": "description",
    "résultats": "results",
    "plus-values": "added_value",
    "plus-values de l'action": "added_value",
    "difficultés": "difficulties",
    "difficultés rencontrées": "difficulties",
    "facteurs de réussite": "success_factors",
    "ressources": "resources",
    "ressources mobilisées": "resources",
    "partenaires": "partners",
    "partenaire de l'action": "partners",
    "partenaires de l'action": "partners",
    "partenaires terrain": "partners",
    "partenaires financiers": "partners",
    "partenaires financiers de l'action": "partners",
    "perspectives": "perspectives",
    "outils": "tools",
    "outils disponibles": "tools",
    "documents et outils disponibles": "documents",
}

PARAGRAPH_SEPARATOR = "\n\n"
ATTRIBUTION_MAX_LENGTH = 120


class BookletError(ValueError):
    """The file cannot be imported; the message says which fiche and which field."""


@dataclass(frozen=True)
class Fiche:
    """One validated fiche of the file, as plain data."""

    number: int
    record: dict

    @property
    def title(self):
        return self.record["titre"]


def load(path=DATA_FILE):
    """Read and validate the file; a list of ``Fiche`` or ``BookletError``."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise BookletError(
            _("Impossible de lire le fichier %(path)s : %(error)s") % {"path": path, "error": exc}
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BookletError(_("Le fichier n'est pas du JSON valide : %(error)s") % {"error": exc}) from exc
    return validate(data)


def _fail(index, record, field, problem):
    number = record.get("numero") if isinstance(record, dict) else None
    title = record.get("titre") if isinstance(record, dict) else None
    who = (
        _("fiche n° %(number)s") % {"number": number}
        if number is not None
        else _("fiche en position %(index)s") % {"index": index + 1}
    )
    if isinstance(title, str) and title:
        who += f" « {title} »"
    raise BookletError(
        _("%(who)s, champ « %(field)s » : %(problem)s") % {"who": who, "field": field, "problem": problem}
    )


def _text(index, record, field, value, required=True):
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        _fail(index, record, field, _("un texte non vide est attendu"))


def _text_list(index, record, field, value):
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        _fail(index, record, field, _("une liste de textes non vides est attendue"))


def validate(data):
    """Check the whole file before anything is written; returns the fiches sorted by number."""
    if not isinstance(data, list) or not data:
        raise BookletError(_("Le fichier doit contenir une liste de fiches."))
    seen = set()
    fiches = []
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            _fail(index, {}, "numero", _("chaque fiche doit être un objet JSON"))
        number = record.get("numero")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            _fail(index, record, "numero", _("un nombre entier positif est attendu"))
        if number in seen:
            _fail(index, record, "numero", _("ce numéro est déjà celui d'une autre fiche"))
        seen.add(number)
        _text(index, record, "titre", record.get("titre"))
        if len(record["titre"]) > 255:
            _fail(index, record, "titre", _("255 caractères au plus"))
        _text(index, record, "structure", record.get("structure"))
        _text(index, record, "commune", record.get("commune"), required=False)
        if record.get("departement_code") not in DEPARTEMENTS:
            _fail(
                index,
                record,
                "departement_code",
                _("un code de département parmi %(codes)s est attendu") % {"codes": ", ".join(DEPARTEMENTS)},
            )
        _text_list(index, record, "publics", record.get("publics"))
        _text_list(index, record, "themes", record.get("themes"))
        sections = record.get("sections")
        if not isinstance(sections, list) or not sections:
            _fail(index, record, "sections", _("une liste non vide de parties est attendue"))
        for position, section in enumerate(sections, start=1):
            field = f"sections[{position}]"
            if not isinstance(section, dict):
                _fail(index, record, field, _("chaque partie doit avoir un « titre » et un « texte »"))
            _text(index, record, f"{field}.titre", section.get("titre"))
            _text(index, record, f"{field}.texte", section.get("texte"))
        contact = record.get("contact")
        if not isinstance(contact, dict):
            _fail(index, record, "contact", _("un objet de contact est attendu"))
        _text(index, record, "contact.structure", contact.get("structure"))
        for key in ("personnes", "courriels", "telephones"):
            _text_list(index, record, f"contact.{key}", contact.get(key, []))
        for key in ("adresse", "site_web"):
            _text(index, record, f"contact.{key}", contact.get(key), required=False)
        fiches.append(Fiche(number=number, record=record))
    return sorted(fiches, key=lambda fiche: fiche.number)


# --- Sections ⇄ StreamField ---------------------------------------------------------------------------


def section_kind(heading):
    return HEADING_KINDS.get(heading.strip().lower(), "other")


def _is_attribution(paragraph):
    """« Prénom – 68 ans – retraitée »: short, not a quotation, no closing punctuation."""
    text = paragraph.strip()
    return (
        len(text) <= ATTRIBUTION_MAX_LENGTH
        and not text.startswith(("«", "."))
        and not text.endswith((".", "!", "?", "»", "…"))
    )


def _is_closed(quote):
    return quote.rstrip(" .!?").endswith("»")


def parse_testimonials(text):
    """Split the testimonials' text into ``[{"quote", "attribution"}]``; joined back it is the same text."""
    quotes = []
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        current = quotes[-1] if quotes else None
        if current is not None and _is_attribution(paragraph):
            current["attribution"].append(paragraph)
        elif current is not None and not current["attribution"] and not _is_closed(current["quote"][-1]):
            current["quote"].append(paragraph)  # a quotation of several paragraphs
        else:
            quotes.append({"quote": [paragraph], "attribution": []})
    return [
        {"quote": PARAGRAPH_SEPARATOR.join(q["quote"]), "attribution": PARAGRAPH_SEPARATOR.join(q["attribution"])}
        for q in quotes
    ]


def body_from_sections(sections, insert_page=None):
    """StreamField data (a list of ``{"type", "value"}``) for the printed sections, in order."""
    body = []
    for section in sections:
        heading, text = section["titre"], section["texte"]
        if heading == TESTIMONIALS_HEADING:
            body.append({"type": "testimonials", "value": {"heading": heading, "quotes": parse_testimonials(text)}})
        elif heading in INSERT_HEADINGS:
            body.append(
                {
                    "type": "insert",
                    "value": {
                        "heading": heading,
                        "text": text,
                        "page": insert_page.pk if insert_page else None,
                        "link_text": "Chercher un mot dans le dictionnaire" if insert_page else "",
                    },
                }
            )
        else:
            body.append({"type": "section", "value": {"kind": section_kind(heading), "heading": heading, "text": text}})
    return body


def sections_from_body(body):
    """The ``[{"titre", "texte"}]`` list that a page's body carries (images and videos are not sections)."""
    sections = []
    for block in body:
        value = block.value
        if block.block_type in ("section", "insert"):
            sections.append({"titre": value["heading"], "texte": value["text"]})
        elif block.block_type == "testimonials":
            parts = []
            for quote in value["quotes"]:
                parts.append(quote["quote"])
                if quote["attribution"]:
                    parts.append(quote["attribution"])
            sections.append({"titre": value["heading"], "texte": PARAGRAPH_SEPARATOR.join(parts)})
    return sections


# --- Contacts -------------------------------------------------------------------------------------------

MOBILE_PHONE = re.compile(r"^0[67]")


def _plain(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isalpha() or c.isspace())


def _is_personal_email(email, persons):
    """An address naming one of the printed persons (« prenom.nom@… ») is personal; others are the structure's."""
    local = _plain(email.split("@", 1)[0].replace(".", " ").replace("_", " ").replace("-", " "))
    squashed = local.replace(" ", "")
    names = {token for person in persons for token in _plain(person.split(",", 1)[0]).split() if len(token) >= 3}
    return any(name in squashed for name in names)


def split_contact(contact):
    """The structure's public contact and the persons' details (kept, not shown by default)."""
    persons = contact.get("personnes", [])
    emails = contact.get("courriels", [])
    phones = contact.get("telephones", [])
    public_emails = [email for email in emails if not _is_personal_email(email, persons)]
    public_phones = [phone for phone in phones if not MOBILE_PHONE.match(phone.replace(" ", ""))]
    private = [
        *persons,
        *(email for email in emails if email not in public_emails),
        *(phone for phone in phones if phone not in public_phones),
    ]
    organisations = [name.strip() for name in contact["structure"].split(" / ")]
    addresses = dict.fromkeys(organisations, "")
    unassigned = []
    for part in filter(None, (part.strip() for part in (contact.get("adresse") or "").split(" / "))):
        owner = next((name for name in organisations if part.endswith(f"({name})")), None)
        if owner:
            addresses[owner] = part[: -len(owner) - 2].strip()
        else:
            unassigned.append(part)
    for name in organisations:
        if unassigned and not addresses[name]:
            addresses[name] = unassigned.pop(0)
    if unassigned:  # more addresses than organisations: keep them all on the first one
        addresses[organisations[0]] = " / ".join(filter(None, [addresses[organisations[0]], *unassigned]))
    cleaned = [{"organisation": name, "address": addresses[name]} for name in organisations]
    website = contact.get("site_web") or ""
    if website and not website.startswith(("http://", "https://")):
        website = "https://" + website
    return {
        "organisations": cleaned,
        "website": website,
        "emails": "\n".join(public_emails),
        "phones": "\n".join(public_phones),
        "persons": "\n".join(private),
    }


def partners_from_sections(sections):
    """One partner a line, from the sections about partners."""
    partners = []
    for section in sections:
        if section_kind(section["titre"]) != "partners":
            continue
        for line in section["texte"].replace(PARAGRAPH_SEPARATOR, "\n").split("\n"):
            line = line.strip().removeprefix("- ").rstrip(" ;.,").strip()
            if line and line not in partners:
                partners.append(line)
    return "\n".join(partners)
