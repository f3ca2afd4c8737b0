"""The embedded engine: the index tables are read once into memory, then every query is matched in Python.

Works on any database (it is the default on SQLite, what ``make run`` uses). Candidate spellings come from
exact look-ups of their keys (folded, singular, sound key, consonant skeleton), of their words, from
RapidFuzz's edit-distance search and from prefixes; the definitions are searched with BM25 over French stems.
Each process reloads its copy when the index changes (one small query per search tells it).
"""

import bisect
import math
import threading
from collections import Counter, defaultdict

from django.db.models import Count, F, Max
from rapidfuzz import fuzz, process

from .. import scoring, text
from ..models import SearchDocument, SearchKey
from .base import DatabaseBackend, rank

FUZZY_CANDIDATES = 25
FUZZY_CUTOFF = 60
BM25_K1 = 1.2
BM25_B = 0.75
BM25_HALF = 6.0


class MemoryIndex:
    """Everything the embedded engine needs for one version of the index."""

    def __init__(self, documents, keys):
        self.payloads = {}
        self.doc_stems = {}
        for row in documents:
            self.payloads[row["slug"]] = {
                "term": row["term"],
                "url": row["url"],
                "short_definition": row["short_definition"],
            }
            self.doc_stems[row["slug"]] = row["stems"].split()
        self.keys = []  # (slug, kind, Written)
        self.by_value = defaultdict(set)
        self.by_word = defaultdict(set)
        for row in keys:
            written = scoring.Written(row["text"])
            position = len(self.keys)
            self.keys.append((row["slug"], row["kind"], written))
            for value in (written.compact, written.singular, written.phonetic, written.skeleton):
                if value:
                    self.by_value[value].add(position)
            for word in written.words:
                for value in (word.singular, word.phonetic, word.stem):
                    self.by_word[value].add(position)
        self.compacts = [written.compact for _, _, written in self.keys]
        self.phonetics = [written.phonetic for _, _, written in self.keys]
        self.sorted_compacts = sorted((value, position) for position, value in enumerate(self.compacts))
        self.words = sorted(self.by_word)
        self._build_bm25()

    def _build_bm25(self):
        self.postings = defaultdict(dict)
        lengths = {}
        for slug, stems in self.doc_stems.items():
            lengths[slug] = len(stems)
            for stem, count in Counter(stems).items():
                self.postings[stem][slug] = count
        self.lengths = lengths
        self.average_length = (sum(lengths.values()) / len(lengths)) if lengths else 1.0
        total = len(lengths)
        self.idf = {
            stem: math.log(1 + (total - len(docs) + 0.5) / (len(docs) + 0.5)) for stem, docs in self.postings.items()
        }

    def candidate_keys(self, query):
        found = set()
        for value in (query.compact, query.singular, query.phonetic, query.skeleton):
            if value:
                found |= self.by_value.get(value, set())
        for word in query.words:
            for value in (word.singular, word.phonetic, word.stem):
                found |= self.by_word.get(value, set())
            if len(word.value) >= 4:
                for match, _, _ in process.extract(word.value, self.words, scorer=fuzz.ratio, limit=5, score_cutoff=75):
                    found |= self.by_word[match]
        if len(query.compact) >= 3:
            for choices, value in ((self.compacts, query.compact), (self.phonetics, query.phonetic)):
                for _, _, position in process.extract(
                    value, choices, scorer=fuzz.ratio, limit=FUZZY_CANDIDATES, score_cutoff=FUZZY_CUTOFF
                ):
                    found.add(position)
            start = bisect.bisect_left(self.sorted_compacts, (query.compact, -1))
            for value, position in self.sorted_compacts[start : start + FUZZY_CANDIDATES]:
                if not value.startswith(query.compact):
                    break
                found.add(position)
        return found

    def text_scores(self, query_text):
        """Per term: the share of the query's meaning (IDF-weighted stems) its definition holds, plus BM25."""
        stems = set(text.stems(query_text))
        unknown_idf = math.log(1 + (len(self.lengths) + 0.5) / 0.5)
        total_idf = sum(self.idf.get(stem, unknown_idf) for stem in stems) or 1.0
        bm25 = defaultdict(float)
        covered = defaultdict(float)
        for stem in stems:
            idf = self.idf.get(stem)
            if idf is None:
                continue
            for slug, frequency in self.postings[stem].items():
                norm = BM25_K1 * (1 - BM25_B + BM25_B * self.lengths[slug] / self.average_length)
                bm25[slug] += idf * frequency * (BM25_K1 + 1) / (frequency + norm)
                covered[slug] += idf
        return {
            slug: scoring.text_relevance(covered[slug] / total_idf, scoring.saturate(value, BM25_HALF))
            for slug, value in bm25.items()
        }

    def search(self, query_text, limit):
        query = scoring.Written(query_text)
        key_parts = defaultdict(float)
        for position in self.candidate_keys(query):
            slug, kind, written = self.keys[position]
            key_parts[slug] = max(key_parts[slug], scoring.key_score(query, written, kind))
        text_parts = self.text_scores(query_text)
        candidates = {
            slug: (key_parts.get(slug, 0.0), text_parts.get(slug, 0.0), self.payloads[slug])
            for slug in set(key_parts) | set(text_parts)
            if slug in self.payloads
        }
        return rank(query_text, candidates, limit)


class EmbeddedBackend(DatabaseBackend):
    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._index = None

    def _current_version(self):
        state = SearchDocument.objects.aggregate(count=Count("id"), last=Max("updated_at"))
        return (state["count"], state["last"])

    def memory_index(self):
        version = self._current_version()
        if self._index is None or version != self._version:
            with self._lock:
                documents = list(SearchDocument.objects.values("slug", "term", "url", "short_definition", "stems"))
                keys = list(SearchKey.objects.values("text", "kind", slug=F("document__slug")))
                self._index = MemoryIndex(documents, keys)
                self._version = version
        return self._index

    def search(self, query, limit=10):
        return self.memory_index().search(query, limit)
