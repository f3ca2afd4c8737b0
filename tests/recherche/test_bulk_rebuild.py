"""A rebuild writes the index in bulk: the very rows that indexing each document one by one gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dictionnaire.search.backends import get_backend
from dictionnaire.search.backends.base import DatabaseBackend
from dictionnaire.search.models import IndexVersion, SearchDocument, SearchKey

pytestmark = pytest.mark.django_db


def document(term, slug, variants=(), synonyms=(), short="", full="", category="internet"):
    return {
        "term": term,
        "slug": slug,
        "url": f"/dictionnaire/{slug}/",
        "variants": list(variants),
        "synonyms": list(synonyms),
        "short_definition": short,
        "full_text": full,
        "category": category,
    }


DOCUMENTS = [
    document("Wi-Fi", "wi-fi", ["wifi", "wi fi", "WIFI"], ["réseau sans fil"], "Internet sans fil.", "La box émet."),
    document("QR code", "qr-code", ["code QR"], [], "Un carré de petits points.", "On le photographie."),
    document("Mot de passe", "mot-de-passe", [], ["code secret", "MDP"], "Le code secret d'un compte."),
    document("Émoji", "emoji", ["émoticône", "smiley"], ["frimousse"], "Un petit dessin.", "😀 dans un message."),
    document("CAF", "caf", [], ["allocations familiales"], "La caisse d'allocations familiales.", category=""),
    document("Souris", "souris", [], [], "Le boîtier qu'on bouge.", "Clic gauche, clic droit."),
    # The same slug again in a later batch, then in the same one: the last version wins, in the first's place.
    document("Wi-Fi", "wi-fi", ["wifi"], ["sans fil"], "Le réseau sans fil de la maison."),
    document("Cloud", "cloud", ["nuage"], ["stockage en ligne"], "Des fichiers rangés sur internet."),
    document("Cloud", "cloud", ["le cloud"], [], "Vos fichiers sur des ordinateurs loin de chez vous."),
]


def snapshot():
    """Every row of the index but ids and dates, documents in insertion order; the full-text vector on PostgreSQL."""
    fields = ["slug", "term", "url", "short_definition", "category", "variants", "synonyms", "full_text", "stems"]
    if connection.vendor == "postgresql":
        fields.append("search_vector")
    documents = list(SearchDocument.objects.order_by("pk").values_list(*fields))
    key_fields = ["document__slug", "kind", "text", "folded", "compact", "singular", "phonetic", "skeleton"]
    keys = list(SearchKey.objects.order_by("pk").values_list(*key_fields))
    return documents, sorted(keys, key=lambda key: key[0])  # by document, each one's keys in their order


def test_a_bulk_rebuild_gives_the_same_index_as_indexing_each_document(monkeypatch):
    backend = get_backend()
    assert isinstance(backend, DatabaseBackend)
    backend.clear()
    for each in DOCUMENTS:
        backend.index(each)
    one_by_one = snapshot()
    assert len(one_by_one[0]) == 7 and len(one_by_one[1]) >= 20
    assert any(kind == "spelled" for _, kind, *_ in one_by_one[1]), "acronyms are spelled out"
    if connection.vendor == "postgresql":
        assert all(row[-1] for row in one_by_one[0]), "every document has its full-text vector"

    monkeypatch.setattr(backend, "REBUILD_BATCH", 3)  # several batches, a slug repeated across and within them
    version = IndexVersion.current()
    progress = []
    assert backend.rebuild(iter(DOCUMENTS), progress=progress.append) == len(DOCUMENTS)

    assert snapshot() == one_by_one
    assert IndexVersion.current() != version
    assert progress[-1] == len(DOCUMENTS)
    assert [result.slug for result in backend.search("réseau sans fil").results][:1] == ["wi-fi"]


def test_a_rebuild_replaces_the_whole_index_in_a_few_statements_whatever_its_size():
    backend = get_backend()
    backend.index(document("Ancien", "ancien", ["vieux"]))

    def statements(count):
        documents = [document(f"Mot {n}", f"mot-{n}", [f"variante {n}"], [f"synonyme {n}"]) for n in range(count)]
        with CaptureQueriesContext(connection) as captured:
            backend.rebuild(documents)
        return len(captured.captured_queries)

    assert statements(5) <= statements(60) <= 12, "one by one: about ten statements a document"
    assert SearchDocument.objects.count() == 60 and not SearchDocument.objects.filter(slug="ancien").exists()
    assert SearchKey.objects.count() == 180
