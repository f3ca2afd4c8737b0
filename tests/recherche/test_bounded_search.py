"""What the PostgreSQL engine bounds per search (definitions ranked per coverage tier, keys one edit away read by
their first or last letter) must not push the right answer out; checked on whichever engine the database selects.
"""

import pytest
from django.db import connection

from dictionnaire.search.backends import get_backend
from dictionnaire.search.backends.postgres import TEXT_SCAN


def document(slug, term, definition):
    return {"term": term, "slug": slug, "url": f"/dictionnaire/{slug}/", "full_text": definition, "category": "x"}


@pytest.fixture(scope="module")
def crowded_backend(django_db_setup, django_db_blocker):
    """More definitions holding "internet" than one tier ranks, indexed before the one that holds every word."""
    with django_db_blocker.unblock():
        backend = get_backend()
        documents = [
            document(f"terme-{number}", f"Terme {number}", f"Page sur internet numéro {number}.")
            for number in range(TEXT_SCAN + 20)
        ]
        documents += [
            document("box", "Box", "Le boîtier qui relie la maison à internet, avec un routeur."),
            document("bug", "Bug", "Une erreur dans un programme."),
        ]
        backend.rebuild(documents)
        yield backend
        backend.clear()


@pytest.mark.django_db
def test_the_definition_holding_every_word_comes_first_among_many_holding_one(crowded_backend):
    results = crowded_backend.search("routeur maison internet").results

    assert results[0].slug == "box"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["bag", "vug", "xbug"])
def test_postgresql_finds_a_short_word_one_edit_away_whichever_letter_changed(crowded_backend, query):
    """No trigram in common: only the edit distance finds them (read by the first letter, or by the last one when
    the first changed)."""
    if connection.vendor != "postgresql":
        pytest.skip("the embedded engine compares short words by their first sound")
    assert crowded_backend.search(query).results[0].slug == "bug"
