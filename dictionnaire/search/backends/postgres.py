"""The PostgreSQL engine: trigram similarity on GIN indexes (pg_trgm) and edit distance (fuzzystrmatch) over the
folded and sound keys find the candidate spellings, French full-text search (unaccent and the ``french``
configuration, on the stored ``search_vector``) finds descriptions; the shared scoring ranks them as the embedded
engine does, so both databases answer alike. One statement per search, every branch bounded (see
``benchmarks/README.md`` for what each bound costs at 10,000 terms).
"""

import itertools
import threading
from collections import ChainMap

from django.db import connection

from .. import scoring, text
from ..models import IndexVersion, SearchDocument, SearchKey
from .base import DatabaseBackend, hybrid, load_meaning_index, rank

EXACT_CANDIDATES = 50
FUZZY_CANDIDATES = 25
WORD_CANDIDATES = 15
TEXT_CANDIDATES = 50
#: The most rows of one coverage tier ranked by ``ts_rank_cd`` (read in index order beyond that).
TEXT_SCAN = 100
#: The most words (counted in every "k of these words" combination) in one tier's query, middle tiers included
#: while they fit: the GIN index checks every definition holding any of the words against the whole query, so the
#: tiers of long queries of common words cost most; past this, the rest is the "any of the words" tier.
MAX_TIER_OPERANDS = 32
TS_RANK_HALF = 0.1
MAX_QUERY_WORDS = 8
SHORT_WORD = 6
#: Longer queries (sentences, not misspelt terms) are not compared whole by trigrams, only word by word: each of
#: their dozens of trigrams costs the GIN index a posting list, and the planner an estimate, for nothing.
MAX_WHOLE_LENGTH = 30
#: Words of a query looked up one by one among the spellings (descriptions rely on full-text search).
MAX_KEY_WORDS = 4


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _tier_queries(columns):
    """SQL tsquery expressions over the words' queries (``columns``): "all the words", "all but one"... down to
    "any of them"; the middle tiers stop where they would name more than ``MAX_TIER_OPERANDS`` words."""
    queries = []
    for size in range(len(columns), 1, -1):
        combinations = list(itertools.combinations(columns, size))
        if len(combinations) * size > MAX_TIER_OPERANDS:
            break
        queries.append("(" + " || ".join("(" + " && ".join(group) + ")" for group in combinations) + ")")
    queries.append("(" + " || ".join(columns) + ")")
    return queries


#: The French full-text vector of a document: its names (term, variants, synonyms) weigh A, the rest B.
SEARCH_VECTOR = (
    "setweight(to_tsvector('french', unaccent({names})), 'A') || "
    "setweight(to_tsvector('french', unaccent({body})), 'B')"
)


def vector_sources(row):
    """The two texts of a row's full-text vector: its names, and everything a description may match."""
    return " ".join([row.term, *row.variants, *row.synonyms]), row.definition_text()


class PostgresBackend(DatabaseBackend):
    def after_index(self, row):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {_table(SearchDocument)} SET search_vector = "  # noqa: S608 (table name only)
                f"{SEARCH_VECTOR.format(names='%s', body='%s')} WHERE id = %s",
                [*vector_sources(row), row.pk],
            )

    def after_bulk_index(self, rows):
        """Every new row's vector in one statement (the same expression as :meth:`after_index`)."""
        if not rows:
            return
        names, bodies = zip(*(vector_sources(row) for row in rows), strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {_table(SearchDocument)} AS d SET search_vector = "  # noqa: S608 (table name only)
                f"{SEARCH_VECTOR.format(names='v.names', body='v.body')} "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, names, body) WHERE d.id = v.id",
                [[row.pk for row in rows], list(names), list(bodies)],
            )

    def _key_branches(self, query, params):
        """Candidate spellings: one index-backed branch per kind of match, each bounded (SQL of their union)."""
        words = [word.value for word in query.words if len(word.value) >= 3][:MAX_KEY_WORDS]
        params |= {
            "compact": query.compact,
            "singular": query.singular,
            "phonetic": query.phonetic,
            "skeleton": query.skeleton,
            "prefix": connection.ops.prep_for_like_query(query.compact) + "%",
            "length": len(query.compact),
        }
        exact = ["k.compact = %(compact)s", "k.singular = %(singular)s", "k.phonetic = %(phonetic)s"]
        if query.skeleton:
            exact.append("k.skeleton = %(skeleton)s")
        keys = f"SELECT k.id, k.document_id, k.text, k.kind FROM {_table(SearchKey)} k WHERE"  # noqa: S608 (fixed SQL)
        branches = [f"({keys} {' OR '.join(exact)} LIMIT {EXACT_CANDIDATES})"]
        if len(query.compact) >= 3:
            branches.append(f"({keys} k.compact LIKE %(prefix)s LIMIT {FUZZY_CANDIDATES})")
        if 3 <= len(query.compact) <= MAX_WHOLE_LENGTH:
            branches += [
                f"({keys} k.compact %% %(compact)s "
                f"ORDER BY similarity(k.compact, %(compact)s) DESC LIMIT {FUZZY_CANDIDATES})",
                f"({keys} k.phonetic %% %(phonetic)s "
                f"ORDER BY similarity(k.phonetic, %(phonetic)s) DESC LIMIT {FUZZY_CANDIDATES})",
            ]
        if 3 <= len(query.compact) <= SHORT_WORD:
            # Trigrams see little in short words ("beug" and "bug" share none): one edit away is enough. Such a
            # key keeps the word's first letter or its last one (indexed with the length). Ordered by distance,
            # so that the planner reads those indexes instead of scanning the table for the first rows.
            params |= {"first": query.compact[0], "last": query.compact[-1]}
            length = "length(k.compact) BETWEEN %(length)s - 1 AND %(length)s + 1"
            branches.append(
                f"({keys} ((left(k.compact, 1) = %(first)s AND {length}) "
                f"OR (right(k.compact, 1) = %(last)s AND {length})) "
                "AND levenshtein_less_equal(k.compact, %(compact)s, 1) <= 1 "
                f"ORDER BY levenshtein_less_equal(k.compact, %(compact)s, 1) LIMIT {FUZZY_CANDIDATES})"
            )
        for number, word in enumerate(words):
            params[f"w{number}"] = word
            branches.append(
                f"({keys} %(w{number})s <%% k.folded "
                f"ORDER BY word_similarity(%(w{number})s, k.folded) DESC LIMIT {WORD_CANDIDATES})"
            )
        return " UNION ".join(branches)

    def meaning_index(self):
        """The meaning layer's copy of the index (vectors, vocabulary), read again when the index changes.

        pgvector is not on the server: the similarity is computed here, as the embedded engine does."""
        version = IndexVersion.current()
        if getattr(self, "_meaning", None) is None or version != self._meaning_version:
            with self._meaning_lock:
                self._meaning = load_meaning_index()
                self._meaning_version = version
        return self._meaning

    _meaning_lock = threading.Lock()

    def _text_branch(self, query_text, params, meaning_index=None):
        """Definitions holding the query's words, most words first (what ``text_relevance`` weighs most), or None.

        Tier by tier ("all the words", then all but one...), each tier found through the GIN index and at most
        ``TEXT_SCAN`` of its rows ranked by ``ts_rank_cd``, until ``TEXT_CANDIDATES`` are found: a word held by
        nearly every definition (a category name) no longer makes the search rank the whole dictionary.
        Returns the SQL of the word queries (one row) and of the candidates, which read it as ``w``.
        """
        words = [word for word in text.content_tokens(query_text) if word.isalnum()][:MAX_QUERY_WORDS]
        if not words:
            return None
        lexemes = [f"w.l{number}" for number in range(len(words))]
        params |= {f"l{number}": word for number, word in enumerate(words)}
        if meaning_index is not None:
            # A word also matches its neighbours in meaning: « vitre | écran » (stems of the definitions' words).
            neighbours = {stem: pairs for _, stem, pairs in meaning_index.query_words(query_text)}
            for number, word in enumerate(words):
                alternatives = [meaning_index.stem_words[stem] for stem, _ in neighbours.get(text.stem(word), [])]
                if alternatives:
                    params[f"l{number}"] = " | ".join([word, *alternatives])
        # One query per distinct stem for the tiers; coverage below still counts every word, as before.
        stems = {}
        for number, word in enumerate(words):
            stems.setdefault(text.stem(word), f"l{number}")
        distinct = list(stems.values())
        tiers = _tier_queries(distinct)
        word_queries = ", ".join([f"to_tsquery('french', unaccent(%(l{n})s)) AS l{n}" for n in range(len(words))])
        combined = ", ".join(f"{query} AS t{number}" for number, query in enumerate(tiers))
        any_word = " || ".join(distinct)
        words_sql = f"SELECT q.*, {any_word} AS any_word, {combined} FROM (SELECT {word_queries}) q"  # noqa: S608 (fixed SQL)
        branches = []
        for number in range(len(tiers)):
            excluded = f"AND NOT d.search_vector @@ w.t{number - 1} " if number else ""
            branches.append(
                f"(SELECT {number} AS tier, c.id, ts_rank_cd(c.search_vector, c.any_word) AS relevance "  # noqa: S608 (fixed SQL, values as parameters)
                f"FROM (SELECT d.id, d.search_vector, w.any_word FROM {_table(SearchDocument)} d, w "
                f"WHERE d.search_vector @@ w.t{number} {excluded}LIMIT {TEXT_SCAN}) c "
                f"ORDER BY relevance DESC LIMIT {TEXT_CANDIDATES})"
            )
        covered = " + ".join(f"(d.search_vector @@ {lexeme})::int" for lexeme in lexemes)
        meaningful = " + ".join(f"(numnode({lexeme}) > 0)::int" for lexeme in lexemes)
        candidates_sql = (
            f"SELECT NULL, NULL, best.tier, best.relevance, ({covered}), ({meaningful}), "  # noqa: S608 (fixed SQL)
            "d.slug, d.term, d.url, d.short_definition "
            f"FROM (SELECT * FROM ({' UNION ALL '.join(branches)}) tiers LIMIT {TEXT_CANDIDATES}) best "
            f"JOIN {_table(SearchDocument)} d ON d.id = best.id, w"
        )
        return words_sql, candidates_sql

    def _rows(self, written, query_text):
        """Key rows ``(text, kind, ...)`` and text rows ``(tier, relevance, covered, meaningful, ...)``, each with
        the document's slug, term, url and short definition: one statement, one round trip."""
        params = {}
        documents = _table(SearchDocument)
        parts = [
            "SELECT k.text, k.kind, NULL::int AS tier, NULL::real AS relevance, NULL::int AS covered, "  # noqa: S608 (fixed SQL, values as parameters)
            "NULL::int AS meaningful, d.slug, d.term, d.url, d.short_definition "
            f"FROM ({self._key_branches(written, params)}) k JOIN {documents} d ON d.id = k.document_id"
        ]
        ctes = ""
        text_sql = self._text_branch(query_text, params, self.meaning_index())
        if text_sql:
            words_sql, candidates_sql = text_sql
            ctes = f"WITH w AS MATERIALIZED ({words_sql}) "
            parts.append(candidates_sql)
        with connection.cursor() as cursor:
            cursor.execute(ctes + " UNION ALL ".join(parts), params)
            return cursor.fetchall()

    def search(self, query, limit=10):
        written = scoring.Written(query)
        candidates = {}
        rows = self._rows(written, query)
        for key_text, kind, tier, *_, slug, term, url, short_definition in rows:
            if tier is not None:
                continue
            score = scoring.key_score(written, scoring.Written(key_text), kind)
            payload = {"term": term, "url": url, "short_definition": short_definition}
            previous = candidates.get(slug, (0.0, 0.0, payload))
            candidates[slug] = (max(previous[0], score), 0.0, payload)
        text_rows = sorted((row for row in rows if row[2] is not None), key=lambda row: (row[2], -row[3]))
        for _, _, _, relevance, covered, meaningful, slug, term, url, short_definition in text_rows:
            payload = {"term": term, "url": url, "short_definition": short_definition}
            key_part = candidates.get(slug, (0.0, 0.0, payload))[0]
            coverage = covered / meaningful if meaningful else 0.0
            text_part = scoring.text_relevance(coverage, scoring.saturate(relevance, TS_RANK_HALF))
            candidates[slug] = (key_part, text_part, payload)
        key_parts = {slug: parts[0] for slug, parts in candidates.items()}
        text_parts = {slug: parts[1] for slug, parts in candidates.items()}
        payloads = {slug: parts[2] for slug, parts in candidates.items()}
        meaning_index = self.meaning_index()
        payloads = ChainMap(payloads, meaning_index.payloads)  # terms found by their meaning alone
        return rank(query, hybrid(written, key_parts, text_parts, payloads, meaning_index), limit)
