"""Measuring relevance: a set of (query, expected slug) pairs and the share found first and in the top three."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

VOCABULARY_CSV = Path(__file__).resolve().parent.parent / "data" / "vocabulaire.csv"


def vocabulary_documents(path=VOCABULARY_CSV):
    """Search documents for the words of the shipped vocabulary list (term, variants, synonyms, category)."""
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            slug = slugify(row["terme"])
            yield {
                "term": row["terme"],
                "slug": slug,
                "url": f"/dictionnaire/{slug}/",
                "variants": [v.strip() for v in row["variantes"].split(";") if v.strip()],
                "synonyms": [v.strip() for v in row["synonymes"].split(";") if v.strip()],
                "short_definition": "",
                "full_text": "",
                "category": row["categorie"],
            }


def load_cases(path):
    """``(query, expected slug)`` pairs from a tab-separated file of ``query<TAB>expected term`` lines."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, expected = line.split("\t")
        cases.append((query, slugify(expected)))
    return cases


@dataclass
class Report:
    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list = field(default_factory=list)

    @property
    def top1_rate(self):
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_rate(self):
        return self.top3 / self.total if self.total else 0.0

    def __str__(self):
        return f"top-1 {self.top1_rate:.3f}, top-3 {self.top3_rate:.3f} on {self.total} queries"


def evaluate(ranked_slugs, cases):
    """``ranked_slugs(query)`` returns the slugs found, best first."""
    report = Report()
    for query, expected in cases:
        slugs = list(ranked_slugs(query))[:3]
        report.total += 1
        if slugs[:1] == [expected]:
            report.top1 += 1
        if expected in slugs:
            report.top3 += 1
        else:
            report.misses.append((query, expected, slugs))
    return report
