import pytest
from django.core.management import call_command

from dictionnaire.search.backends import EMBEDDED, POSTGRES, backend_path, get_backend
from dictionnaire.search.models import SearchDocument, SearchKey

pytestmark = pytest.mark.django_db

SOURIS = {
    "term": "Souris",
    "slug": "souris",
    "url": "/dictionnaire/souris/",
    "variants": [],
    "synonyms": [],
    "short_definition": "Le petit boîtier qu'on bouge avec la main pour déplacer la flèche sur l'écran.",
    "full_text": "On clique avec le bouton de gauche.",
    "category": "matériel et logiciels",
}


def slugs(query):
    return [result.slug for result in get_backend().search(query).results]


def test_the_database_picks_its_engine(settings):
    from django.db import connection

    settings.DICTIONNAIRE_SEARCH_BACKEND = "auto"
    settings.ELASTICSEARCH_URL = ""
    assert backend_path() == (POSTGRES if connection.vendor == "postgresql" else EMBEDDED)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    assert backend_path().endswith("ElasticsearchBackend")


def test_indexed_term_is_found_by_word_and_by_description():
    get_backend().index(SOURIS)

    assert slugs("souri") == ["souris"]
    assert slugs("la flèche sur l'écran") == ["souris"]
    response = get_backend().search("souris")
    assert response.results[0].short_definition == SOURIS["short_definition"]


def test_reindexing_a_term_replaces_its_spellings():
    backend = get_backend()
    backend.index(SOURIS)
    assert slugs("mulot") == []

    backend.index({**SOURIS, "variants": ["mulot"]})

    assert slugs("mulot") == ["souris"]
    assert SearchDocument.objects.count() == 1
    assert SearchKey.objects.filter(document__slug="souris", kind="variant").count() == 1


def test_removed_term_is_no_longer_found():
    backend = get_backend()
    backend.index(SOURIS)
    assert slugs("souris") == ["souris"]

    backend.remove("souris")

    assert slugs("souris") == []


def test_rebuild_command_without_terms_empties_the_index():
    get_backend().index(SOURIS)

    call_command("rebuild_dictionary_index", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert slugs("souris") == []
