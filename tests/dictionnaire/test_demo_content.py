"""The dictionary as the demo data leaves it (loaded once for this module)."""

import csv
from pathlib import Path

import pytest

from dictionnaire.models import Term

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "dictionnaire" / "data"


def test_every_word_of_the_vocabulary_is_published_with_both_sections(dictionary):
    with open(DATA / "vocabulaire.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 70
    live = {term.word: term for term in Term.objects.live()}
    for row in rows:
        term = live[row["terme"]]
        assert term.short_definition and term.full_definition
        assert term.danger.strip() and term.cool.strip()
        assert term.get_category_display() == row["categorie"]
        assert term.variant_list() == [v for v in row["variantes"].split(";") if v]
        assert term.credit(), "a definition is credited to a class, its structure and a year"


def test_seed_terms_have_the_stable_addresses_of_the_issue(dictionary):
    for slug in ["wi-fi", "mot-de-passe", "qr-code", "e-mail", "capture-decran", "4g"]:
        assert Term.objects.live().filter(slug=slug).exists(), slug


def test_loading_the_demo_twice_changes_nothing(dictionary):
    from django.core.management import call_command

    before = Term.objects.count()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Term.objects.count() == before
