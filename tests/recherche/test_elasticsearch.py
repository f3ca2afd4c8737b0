"""The Elasticsearch/OpenSearch engine: the index mapping and the query bodies that elasticsearch-dsl builds.

No server runs here; the live test runs only when ELASTICSEARCH_URL is set.
"""

import os

import pytest

from dictionnaire.search import text
from dictionnaire.search.backends.elasticsearch import TermDocument, build_search, term_index
from dictionnaire.search.evaluation import vocabulary_documents

WIFI = next(document for document in vocabulary_documents() if document["slug"] == "wi-fi")


@pytest.fixture(scope="module")
def index_body():
    return term_index().to_dict()


def test_index_has_french_analysis_with_folding_and_stemming(index_body):
    analysis = index_body["settings"]["analysis"]
    french = analysis["analyzer"]["french_text"]

    assert french["filter"] == ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"]
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["french_stop"]["stopwords"] == "_french_"
    assert "l" in analysis["filter"]["french_elision"]["articles"]
    assert "asciifolding" in analysis["analyzer"]["folded"]["filter"]


def test_index_has_prefix_and_trigram_ngrams(index_body):
    tokenizers = index_body["settings"]["analysis"]["tokenizer"]

    assert tokenizers["prefix_grams"]["type"] == "edge_ngram"
    assert tokenizers["trigram_grams"] == {
        "type": "ngram",
        "min_gram": 3,
        "max_gram": 3,
        "token_chars": ["letter", "digit"],
    }
    assert index_body["settings"]["max_ngram_diff"] >= 20 - 2


def test_mapping_searches_spellings_sounds_and_definitions(index_body):
    properties = index_body["mappings"]["properties"]

    assert properties["spellings"]["analyzer"] == "folded"
    assert properties["spellings"]["fields"]["prefix"]["search_analyzer"] == "folded"
    assert properties["phonetic"]["type"] == "keyword"
    assert properties["phonetic"]["fields"]["trigram"]["analyzer"] == "trigrams"
    assert properties["body"]["analyzer"] == "french_text"
    assert properties["url"]["index"] is False


def test_document_carries_every_spelling_and_its_keys():
    document = TermDocument.from_search_document(WIFI).to_dict(include_meta=True)

    assert document["_id"] == "wi-fi"
    source = document["_source"]
    assert set(source["spellings"]) == {"Wi-Fi", "wifi", "wi fi"}
    assert source["compact"] == ["wifi"]
    assert text.phonetic("ouifi") in source["phonetic"]
    assert "term:Wi-Fi" in source["keys"]
    assert "internet" in source["body"]


def test_query_body_combines_exact_keys_fuzzy_prefix_sound_and_text():
    body = build_search("kiou ar code").to_dict()

    should = body["query"]["bool"]["should"]
    by_name = {}
    for clause in should:
        ((kind, spec),) = clause.items()
        ((field, options),) = spec.items()
        by_name[options["_name"]] = (kind, field, options)
    assert by_name["compact"] == ("term", "compact", {"value": "kiouarcode", "boost": 10, "_name": "compact"})
    assert by_name["phonetic"][2]["value"] == text.phonetic("kiou ar code")
    assert by_name["skeleton"][2]["value"] == text.skeleton("QR code")
    assert by_name["spellings"][2]["fuzziness"] == "AUTO"
    assert by_name["prefix"][1] == "spellings.prefix"
    assert by_name["body"][1] == "body"
    assert by_name["compact"][2]["boost"] > by_name["spellings"][2]["boost"] > by_name["body"][2]["boost"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert body["size"] == 50


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set: no live server")
def test_live_index_finds_misspelt_words(settings):
    from dictionnaire.search.backends.elasticsearch import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.DICTIONNAIRE_SEARCH_ES_INDEX = "test-dictionnaire-termes"
    backend = ElasticsearchBackend()
    backend.rebuild(vocabulary_documents())
    try:
        assert backend.search("ouifi").results[0].slug == "wi-fi"
        backend.remove("wi-fi")
        assert "wi-fi" not in [result.slug for result in backend.search("wifi").results]
    finally:
        backend.client().indices.delete(index="test-dictionnaire-termes", ignore_unavailable=True)
