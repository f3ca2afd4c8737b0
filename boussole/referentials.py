"""The reference lists shipped in ``boussole/data/``: data·inclusion referentials, communes and départements.

Read once per process and kept in memory: looking up a commune or a thématique costs no database query.
"""

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_DIR = DATA_DIR / "data-inclusion"
SCHEMA_VERSION = "1.0.8"
SCHEMA_ATTRIBUTION = "data·inclusion (GIP Plateforme de l'inclusion), schéma de l'offre d'insertion v1.0.8"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def normalize(text):
    """Lower case, no accents, hyphens and apostrophes as spaces: how a place typed by a parent is compared."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    for char in "-'’":
        text = text.replace(char, " ")
    return " ".join(text.replace("saint ", "st ").split())


@dataclass(frozen=True)
class Commune:
    code_insee: str
    nom: str
    departement: str
    codes_postaux: tuple
    population: int

    @property
    def code_postal(self):
        return self.codes_postaux[0] if self.codes_postaux else ""

    @property
    def departement_nom(self):
        return departements().get(self.departement, "")

    @property
    def label(self):
        return f"{self.nom} ({self.departement})"


@cache
def referential(name):
    """``{value: label}`` of a data·inclusion referential (``thematiques``, ``publics``, ``frais``…)."""
    return {row["value"]: row["label"] for row in _rows(SCHEMA_DIR / f"{name}.csv")}


@cache
def schema_fields(kind):
    """The data·inclusion fields of ``structure`` or ``service``: ``[{"name", "type", "required"}]`` in order."""
    return [
        {"name": row["name"], "type": row["type"], "required": row["required"] == "true"}
        for row in _rows(SCHEMA_DIR / f"{kind}-fields.csv")
    ]


def thematique_groups(prefixes=None):
    """Thématiques grouped by category for a select: ``[(category label, [(value, label), …]), …]``."""
    categories = referential("categories_thematiques")
    groups = {}
    for value, label in referential("thematiques").items():
        category = value.split("--")[0]
        if prefixes and category not in prefixes:
            continue
        groups.setdefault(categories.get(category, category), []).append((value, label))
    return list(groups.items())


@cache
def communes():
    """Every commune of the region by INSEE code."""
    return {
        row["code_insee"]: Commune(
            code_insee=row["code_insee"],
            nom=row["nom"],
            departement=row["departement"],
            codes_postaux=tuple(row["codes_postaux"].split()),
            population=int(row["population"] or 0),
        )
        for row in _rows(DATA_DIR / "communes-hauts-de-france.csv")
    }


@cache
def departements():
    return {row["code"]: row["nom"] for row in _rows(DATA_DIR / "departements.csv")}


@cache
def _communes_by_postal_code():
    index = {}
    for commune in communes().values():
        for code in commune.codes_postaux:
            index.setdefault(code, []).append(commune)
    return index


@cache
def _communes_by_name():
    index = {}
    for commune in communes().values():
        index.setdefault(normalize(commune.nom), []).append(commune)
    return index


def communes_for_postal_code(code):
    """The communes a postal code covers (often several), largest first."""
    return sorted(_communes_by_postal_code().get(code.strip(), []), key=lambda c: -c.population)


def find_communes(text, limit=None):
    """Communes matching what a parent typed: a postal code, an INSEE code, a name or the start of a name.

    An exact name comes first, then names that start with the text, larger towns first.
    """
    text = (text or "").strip()
    if not text:
        return []
    if text.isdigit() and len(text) == 5:
        found = communes_for_postal_code(text)
        if not found and text in communes():
            found = [communes()[text]]
        return found[:limit] if limit else found
    if text.isdigit():
        found = [c for code, items in _communes_by_postal_code().items() if code.startswith(text) for c in items]
        found = sorted(set(found), key=lambda c: -c.population)
        return found[:limit] if limit else found
    key = normalize(text.split("(")[0])
    exact = sorted(_communes_by_name().get(key, []), key=lambda c: -c.population)
    starting = sorted(
        (c for name, items in _communes_by_name().items() if name.startswith(key) and name != key for c in items),
        key=lambda c: -c.population,
    )
    found = exact + starting
    return found[:limit] if limit else found


def departement_of(code_insee):
    """The département code of an INSEE commune code (``59350`` → ``59``, ``97411`` → ``974``, ``2A004`` → ``2A``)."""
    if not code_insee:
        return ""
    commune = communes().get(code_insee)
    if commune:
        return commune.departement
    return code_insee[:3] if code_insee.startswith("97") else code_insee[:2]
