"""The embedded engine: the index tables are read once into memory, then every query is matched in Python.

Works on any database (it is the default on SQLite, what ``make run`` uses). Candidate spellings come from
exact look-ups of their keys (folded, singular, sound key, consonant skeleton), of their words, from
RapidFuzz's edit-distance search and from prefixes; the definitions are searched with BM25 over French stems.
Each process reloads its copy when the index changes (one primary-key query per search tells it).
"""

import bisect
import gc
import heapq
import math
import threading
from collections import Counter, defaultdict

from django.db.models import F
from rapidfuzz import fuzz, process

from .. import scoring, text
from ..models import IndexVersion, SearchDocument, SearchKey
from .base import DatabaseBackend, hybrid, load_meaning_index, rank

VOWELS = frozenset("aeiouy12")
FUZZY_CANDIDATES = 25
TEXT_CANDIDATES = 100
COMMON_SHARE = 0.25
COMMON_FROM = 1000
#: A neighbour in meaning held by more than this share of the "common" bound says too little to be worth reading.
NEIGHBOUR_SHARE = 0.2
FUZZY_CUTOFF = 60
BM25_K1 = 1.2
BM25_B = 0.75
BM25_HALF = 6.0


def first_sound(value):
    """Keys are grouped by first letter, every vowel together: "imail" and "email" stay in one group."""
    return "*" if value[:1] in VOWELS else value[:1]


class Buckets:
    """Strings grouped by first sound and length, so that a typo search compares a few hundred, not all."""

    def __init__(self, pairs):
        groups = defaultdict(lambda: ([], []))
        for value, payload in pairs:
            if value:
                strings, payloads = groups[(first_sound(value), len(value))]
                strings.append(value)
                payloads.append(payload)
        self.groups = dict(groups)

    def closest(self, value, limit, cutoff):
        """Payloads of the strings closest to ``value`` (edit similarity ≥ ``cutoff`` %), best first."""
        if not value:
            return []
        head, length = first_sound(value), len(value)
        spread = max(2, length // 3)
        matches = []
        for size in range(max(1, length - spread), length + spread + 1):
            group = self.groups.get((head, size))
            if group is None:
                continue
            strings, payloads = group
            for _, score, index in process.extract(value, strings, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff):
                matches.append((score, payloads[index]))
        matches.sort(key=lambda match: -match[0])
        return [payload for _, payload in matches[:limit]]


class MemoryIndex:
    """Everything the embedded engine needs for one version of the index."""

    def __init__(self, documents, keys, meaning_index=None):
        self.meaning = meaning_index
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
        self.compacts = Buckets((written.compact, position) for position, (_, _, written) in enumerate(self.keys))
        self.phonetics = Buckets((written.phonetic, position) for position, (_, _, written) in enumerate(self.keys))
        self.sorted_compacts = sorted((written.compact, position) for position, (_, _, written) in enumerate(self.keys))
        self.words = Buckets((word, word) for word in {w.value for _, _, written in self.keys for w in written.words})
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
        self.norms = {
            slug: BM25_K1 * (1 - BM25_B + BM25_B * length / self.average_length) for slug, length in lengths.items()
        }
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
                for match in self.words.closest(word.value, limit=5, cutoff=75):
                    found |= self.by_word.get(text.singular(match), set())
        if len(query.compact) >= 3:
            found.update(self.compacts.closest(query.compact, FUZZY_CANDIDATES, FUZZY_CUTOFF))
            found.update(self.phonetics.closest(query.phonetic, FUZZY_CANDIDATES, FUZZY_CUTOFF))
            start = bisect.bisect_left(self.sorted_compacts, (query.compact, -1))
            for value, position in self.sorted_compacts[start : start + FUZZY_CANDIDATES]:
                if not value.startswith(query.compact):
                    break
                found.add(position)
        return found

    def text_scores(self, query_text, meaning_index=None):
        """Per term: the share of the query's meaning (IDF-weighted stems) its definition holds, plus BM25.

        With the meaning layer, a query's word is also found through its neighbours in meaning (« vitre » for
        « écran »), counted at their similarity. In a large dictionary a stem found in more than a quarter of the
        definitions says nothing: skipped.
        """
        groups = {stem: [(stem, 1.0)] for stem in text.stems(query_text)}
        if meaning_index is not None:
            for _, stem, neighbours in meaning_index.query_words(query_text):
                if stem in groups:
                    groups[stem] += [pair for pair in neighbours if pair[0] not in groups]
        total = len(self.lengths)
        unknown_idf = math.log(1 + (total + 0.5) / 0.5)
        total_idf = sum(self.idf.get(stem, unknown_idf) for stem in groups) or 1.0
        common = total * COMMON_SHARE if total >= COMMON_FROM else total + 1
        used = []
        rough = {}
        for stem, alternatives in groups.items():
            weight = self.idf.get(stem, unknown_idf)
            covered = {}
            for alternative, similarity in alternatives:
                idf = self.idf.get(alternative)
                postings = self.postings.get(alternative)
                if idf is None or len(postings) > (common if alternative == stem else common * NEIGHBOUR_SHARE):
                    continue
                used.append((min(idf, weight) * similarity, postings))
                for slug in postings:
                    if covered.get(slug, 0.0) < similarity:
                        covered[slug] = similarity
            get = rough.get
            for slug, similarity in covered.items():
                rough[slug] = get(slug, 0.0) + weight * similarity
        best = heapq.nlargest(TEXT_CANDIDATES, rough, key=rough.__getitem__)
        scores = {}
        for slug in best:
            bm25 = 0.0
            for idf, postings in used:
                frequency = postings.get(slug)
                if frequency:
                    bm25 += idf * frequency * (BM25_K1 + 1) / (frequency + self.norms[slug])
            scores[slug] = scoring.text_relevance(rough[slug] / total_idf, scoring.saturate(bm25, BM25_HALF))
        return scores

    def search(self, query_text, limit):
        query = scoring.Written(query_text)
        key_parts = defaultdict(float)
        for position in self.candidate_keys(query):
            slug, kind, written = self.keys[position]
            key_parts[slug] = max(key_parts[slug], scoring.key_score(query, written, kind))
        text_parts = self.text_scores(query_text, self.meaning)
        return rank(query_text, hybrid(query, key_parts, text_parts, self.payloads, self.meaning), limit)


class EmbeddedBackend(DatabaseBackend):
    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._index = None

    def _current_version(self):
        return IndexVersion.current()

    def memory_index(self):
        version = self._current_version()
        if self._index is None or version != self._version:
            with self._lock:
                documents = list(SearchDocument.objects.values("slug", "term", "url", "short_definition", "stems"))
                keys = list(SearchKey.objects.values("text", "kind", slug=F("document__slug")))
                self._index = MemoryIndex(documents, keys, load_meaning_index())
                self._version = version
                # The index is long-lived: keep the garbage collector from walking it on every collection.
                gc.collect()
                gc.freeze()
        return self._index

    def search(self, query, limit=10):
        return self.memory_index().search(query, limit)
