"""The scale-out engine: Elasticsearch or OpenSearch through elasticsearch-dsl, used when ``ELASTICSEARCH_URL`` is set.

The index has French analysis (elision, stop words, light stemmer) for the definitions, ASCII folding
everywhere, edge n-grams for prefixes, trigrams and fuzzy matches for typos, and the same sound and skeleton
keys as the database engines, computed here in Python. Elasticsearch finds the candidates; the shared scoring
ranks them, so that every engine orders results alike.
"""

import logging

import numpy as np
from django.conf import settings
from elasticsearch_dsl import (
    DenseVector,
    Document,
    Index,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    connections,
    token_filter,
    tokenizer,
)

from .. import meaning, scoring, text
from .base import SearchBackend, document_keys, rank

logger = logging.getLogger(__name__)

CONNECTION_ALIAS = "dictionnaire"
CANDIDATES = 50
TEXT_SCORE_HALF = 8.0
#: Terms taken by their meaning (kNN on the stored vectors), and what their similarity weighs beside the text.
KNN_CANDIDATES = 20
KNN_BOOST = 2.0

french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
french_stemmer = token_filter("french_stemmer", type="stemmer", language="light_french")

folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
french_text = analyzer(
    "french_text",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", french_stop, french_stemmer],
)
prefixes = analyzer(
    "prefixes",
    tokenizer=tokenizer("prefix_grams", type="edge_ngram", min_gram=2, max_gram=20, token_chars=["letter", "digit"]),
    filter=["lowercase", "asciifolding"],
)
trigrams = analyzer(
    "trigrams",
    tokenizer=tokenizer("trigram_grams", type="ngram", min_gram=3, max_gram=3, token_chars=["letter", "digit"]),
    filter=["lowercase", "asciifolding"],
)


def index_name():
    return getattr(settings, "DICTIONNAIRE_SEARCH_ES_INDEX", "dictionnaire-termes")


class TermDocument(Document):
    """One published term in the index."""

    slug = Keyword()
    term = Text(
        analyzer=folded,
        fields={"prefix": Text(analyzer=prefixes, search_analyzer=folded), "raw": Keyword()},
    )
    spellings = Text(
        analyzer=folded,
        fields={
            "prefix": Text(analyzer=prefixes, search_analyzer=folded),
            "trigram": Text(analyzer=trigrams),
        },
    )
    #: ``kind:text`` pairs, so that the shared scoring can weigh the term above a synonym.
    keys = Keyword(index=False)
    compact = Keyword()
    singular = Keyword()
    phonetic = Keyword(fields={"trigram": Text(analyzer=trigrams)})
    skeleton = Keyword()
    url = Keyword(index=False)
    short_definition = Text(analyzer=french_text)
    body = Text(analyzer=french_text)
    category = Keyword()
    #: The term's meaning (``meaning.document_vector``), searched by kNN beside the text query.
    meaning = DenseVector(dims=meaning.DIMENSIONS, index=True, similarity="cosine")

    class Index:
        name = "dictionnaire-termes"
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 18}

    @classmethod
    def from_search_document(cls, document):
        keys = document_keys(document)
        values = [value for _, value in keys]
        definition = [
            document["term"],
            *(document.get("variants") or []),
            *(document.get("synonyms") or []),
            document.get("short_definition") or "",
            document.get("full_text") or "",
            document.get("category") or "",
        ]
        return cls(
            meta={"id": document["slug"]},
            slug=document["slug"],
            term=document["term"],
            spellings=values,
            keys=[f"{kind}:{value}" for kind, value in keys],
            compact=sorted({text.compact(v) for v in values}),
            singular=sorted({text.singular_compact(v) for v in values}),
            phonetic=sorted({text.phonetic(v) for v in values}),
            skeleton=sorted({text.skeleton(v) for v in values} - {""}),
            url=document["url"],
            short_definition=document.get("short_definition") or "",
            body=" ".join(part for part in definition if part),
            category=document.get("category") or "",
            **document_meaning(document),
        )


def document_meaning(document):
    """``{"meaning": [...]}`` (300 floats) for a document whose words the model knows, else nothing."""
    vector = meaning.embed(meaning.document_parts(document))
    return {} if vector is None else {"meaning": [round(float(value), 5) for value in vector]}


def term_index():
    index = Index(index_name())
    index.document(TermDocument)
    index.settings(**TermDocument.Index.settings)
    return index


def build_query(query_text):
    """The bool query that finds candidates: exact keys first, then fuzzy, prefix, sound and description."""
    query = scoring.Written(query_text)
    should = [
        Q("term", compact={"value": query.compact, "boost": 10, "_name": "compact"}),
        Q("term", singular={"value": query.singular, "boost": 9, "_name": "singular"}),
        Q("term", phonetic={"value": query.phonetic, "boost": 8, "_name": "phonetic"}),
        Q("match", term={"query": query_text, "operator": "and", "boost": 7, "_name": "term"}),
        Q(
            "match",
            spellings={
                "query": query_text,
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "operator": "or",
                "boost": 5,
                "_name": "spellings",
            },
        ),
        Q("match", **{"spellings.prefix": {"query": query_text, "operator": "and", "boost": 3, "_name": "prefix"}}),
        Q("match", **{"spellings.trigram": {"query": query.compact, "boost": 2, "_name": "trigram"}}),
        Q("match", **{"phonetic.trigram": {"query": query.phonetic, "boost": 2, "_name": "sound"}}),
        Q("match", body={"query": query_text, "boost": 1, "_name": "body"}),
    ]
    if query.skeleton:
        should.append(Q("term", skeleton={"value": query.skeleton, "boost": 4, "_name": "skeleton"}))
    return Q("bool", should=should, minimum_should_match=1)


def build_search(query_text, size=CANDIDATES):
    """The text query, and for a description the kNN search of the terms closest in meaning (hybrid: Elasticsearch
    adds both scores, the shared scoring then weighs the similarity read from each hit's vector)."""
    search = (
        Search(index=index_name())
        .query(build_query(query_text))
        .source(["slug", "term", "url", "short_definition", "keys", "meaning"])
        .extra(size=size)
    )
    vector = meaning.query_vector(query_text) if scoring.is_description(scoring.Written(query_text)) else None
    if vector is not None:
        search = search.knn(
            field="meaning",
            k=KNN_CANDIDATES,
            num_candidates=KNN_CANDIDATES * 5,
            query_vector=[round(float(value), 5) for value in vector],
            boost=KNN_BOOST,
        )
    return search


class ElasticsearchBackend(SearchBackend):
    def __init__(self):
        self.url = getattr(settings, "ELASTICSEARCH_URL", "")

    def client(self):
        try:
            return connections.get_connection(CONNECTION_ALIAS)
        except KeyError:
            return connections.create_connection(alias=CONNECTION_ALIAS, hosts=[self.url], request_timeout=5)

    def ensure_index(self):
        index = term_index()
        if not index.exists(using=self.client()):
            index.create(using=self.client())

    def index(self, document):
        self.ensure_index()
        TermDocument.from_search_document(document).save(using=self.client(), index=index_name(), refresh=True)

    def remove(self, slug):
        self.client().delete(index=index_name(), id=slug, ignore=[404], refresh=True)

    def clear(self):
        index = term_index()
        index.delete(using=self.client(), ignore_unavailable=True)
        index.create(using=self.client())

    def search(self, query, limit=10):
        response = build_search(query).using(self.client()).execute()
        written = scoring.Written(query)
        vector = meaning.query_vector(query) if scoring.is_description(written) else None
        candidates = {}
        for hit in response:
            key_part = 0.0
            for pair in hit.keys or []:
                kind, _, value = pair.partition(":")
                key_part = max(key_part, scoring.key_score(written, scoring.Written(value), kind))
            matched = set(getattr(hit.meta, "matched_queries", []) or [])
            text_part = scoring.saturate(hit.meta.score, TEXT_SCORE_HALF) if "body" in matched else 0.0
            stored = getattr(hit, "meaning", None)
            if vector is not None and stored:
                text_part = scoring.with_meaning(text_part, float(np.dot(vector, np.asarray(list(stored)))))
            payload = {"term": hit.term, "url": hit.url, "short_definition": hit.short_definition or ""}
            candidates[hit.slug] = (key_part, text_part, payload)
        return rank(query, candidates, limit)
