"""The PostgreSQL engine: nearest neighbours on trigram GiST indexes (pg_trgm) and edit distance
(fuzzystrmatch) over the folded and sound keys find the candidate spellings, French full-text search (unaccent
and the ``french`` configuration) finds descriptions; the shared scoring ranks them as the embedded engine does,
so both databases answer alike.
"""

from django.db import connection

from .. import scoring, text
from ..models import SearchDocument, SearchKey
from .base import DatabaseBackend, rank

EXACT_CANDIDATES = 50
FUZZY_CANDIDATES = 25
WORD_CANDIDATES = 15
TEXT_CANDIDATES = 50
TS_RANK_HALF = 0.1
MAX_QUERY_WORDS = 8
SHORT_WORD = 6
#: Words of a query looked up one by one among the spellings (descriptions rely on full-text search).
MAX_KEY_WORDS = 4


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


class PostgresBackend(DatabaseBackend):
    def after_index(self, row):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {_table(SearchDocument)} SET search_vector = "  # noqa: S608 (table name only)
                "setweight(to_tsvector('french', unaccent(%s)), 'A') || "
                "setweight(to_tsvector('french', unaccent(%s)), 'B') WHERE id = %s",
                [" ".join([row.term, *row.variants, *row.synonyms]), row.definition_text(), row.pk],
            )

    def _key_rows(self, query):
        """Candidate spellings: one index-backed branch per kind of match, each bounded, in one statement."""
        words = [word.value for word in query.words if len(word.value) >= 3][:MAX_KEY_WORDS]
        params = {
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
        branches = [f"(SELECT k.id FROM {{keys}} k WHERE {' OR '.join(exact)} LIMIT {EXACT_CANDIDATES})"]  # noqa: S608 (fixed SQL, values as parameters)
        if len(query.compact) >= 3:
            branches += [
                f"(SELECT k.id FROM {{keys}} k WHERE k.compact LIKE %(prefix)s LIMIT {FUZZY_CANDIDATES})",  # noqa: S608 (fixed SQL, values as parameters)
                "(SELECT k.id FROM {keys} k WHERE k.compact %% %(compact)s "  # noqa: S608 (fixed SQL, values as parameters)
                f"ORDER BY similarity(k.compact, %(compact)s) DESC LIMIT {FUZZY_CANDIDATES})",
                "(SELECT k.id FROM {keys} k WHERE k.phonetic %% %(phonetic)s "  # noqa: S608 (fixed SQL, values as parameters)
                f"ORDER BY similarity(k.phonetic, %(phonetic)s) DESC LIMIT {FUZZY_CANDIDATES})",
            ]
        if 3 <= len(query.compact) <= SHORT_WORD:
            # Trigrams see little in short words ("beug" and "bug" share none): one edit away is enough.
            branches.append(
                "(SELECT k.id FROM {keys} k WHERE length(k.compact) BETWEEN %(length)s - 1 AND %(length)s + 1 "  # noqa: S608 (fixed SQL, values as parameters)
                f"AND levenshtein_less_equal(k.compact, %(compact)s, 1) <= 1 LIMIT {FUZZY_CANDIDATES})"
            )
        for number, word in enumerate(words):
            params[f"w{number}"] = word
            branches.append(
                f"(SELECT k.id FROM {{keys}} k WHERE %(w{number})s <%% k.folded "  # noqa: S608 (fixed SQL, values as parameters)
                f"ORDER BY word_similarity(%(w{number})s, k.folded) DESC LIMIT {WORD_CANDIDATES})"
            )
        union = " UNION ".join(branches).replace("{keys}", _table(SearchKey))
        sql = (
            "SELECT k.text, k.kind, d.slug, d.term, d.url, d.short_definition "  # noqa: S608 (fixed SQL)
            f"FROM {_table(SearchKey)} k JOIN {_table(SearchDocument)} d ON d.id = k.document_id "
            f"WHERE k.id IN ({union})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _text_rows(self, query_text):
        words = [word for word in text.content_tokens(query_text) if word.isalnum()][:MAX_QUERY_WORDS]
        if not words:
            return []
        # How many of the query's words each definition holds (stop words count for none), and ts_rank_cd.
        covered = " + ".join("(d.search_vector @@ to_tsquery('french', unaccent(%s)))::int" for _ in words)
        meaningful = " + ".join("(numnode(to_tsquery('french', unaccent(%s))) > 0)::int" for _ in words)
        # The best candidates by ts_rank_cd first, then their coverage: only those rows are matched word by word.
        sql = (
            "SELECT d.slug, d.term, d.url, d.short_definition, "  # noqa: S608 (fixed SQL)
            f"best.relevance, ({covered}) AS covered, ({meaningful}) AS meaningful "
            f"FROM (SELECT d.id, ts_rank_cd(d.search_vector, q) AS relevance FROM {_table(SearchDocument)} d, "
            "to_tsquery('french', unaccent(%s)) q WHERE d.search_vector @@ q ORDER BY relevance DESC LIMIT %s) best "
            f"JOIN {_table(SearchDocument)} d ON d.id = best.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*words, *words, " | ".join(words), TEXT_CANDIDATES])
            return cursor.fetchall()

    def search(self, query, limit=10):
        written = scoring.Written(query)
        candidates = {}
        for key_text, kind, slug, term, url, short_definition in self._key_rows(written):
            score = scoring.key_score(written, scoring.Written(key_text), kind)
            payload = {"term": term, "url": url, "short_definition": short_definition}
            previous = candidates.get(slug, (0.0, 0.0, payload))
            candidates[slug] = (max(previous[0], score), 0.0, payload)
        for slug, term, url, short_definition, relevance, covered, meaningful in self._text_rows(query):
            payload = {"term": term, "url": url, "short_definition": short_definition}
            key_part = candidates.get(slug, (0.0, 0.0, payload))[0]
            coverage = covered / meaningful if meaningful else 0.0
            text_part = scoring.text_relevance(coverage, scoring.saturate(relevance, TS_RANK_HALF))
            candidates[slug] = (key_part, text_part, payload)
        return rank(query, candidates, limit)
