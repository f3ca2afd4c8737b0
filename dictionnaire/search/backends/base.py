"""The interface every search engine offers, and the storage shared by the two database engines."""

from dataclasses import asdict, dataclass, field

from django.db import connection, transaction

from .. import meaning, scoring, text
from ..models import IndexVersion, SearchDocument, SearchKey


@dataclass
class SearchResult:
    term: str
    slug: str
    url: str
    short_definition: str
    score: float

    def as_dict(self):
        return asdict(self)


@dataclass
class SearchResponse:
    query: str
    results: list = field(default_factory=list)
    did_you_mean: str | None = None

    @property
    def best_score(self):
        return self.results[0].score if self.results else 0.0

    @property
    def found_well(self):
        """True when the best result is a good match: otherwise show suggestions and the request form."""
        return self.best_score >= scoring.GOOD

    @property
    def sure(self):
        """True when one answer can be given first: a good match, or a description whose best term is clearly
        ahead of the next one (``scoring.SURE_SCORE``, ``scoring.SURE_MARGIN``)."""
        if self.found_well:
            return True
        if not self.results:
            return False
        second = self.results[1].score if len(self.results) > 1 else 0.0
        return self.best_score >= scoring.SURE_SCORE and self.best_score - second >= scoring.SURE_MARGIN

    def as_dict(self):
        return {
            "query": self.query,
            "results": [result.as_dict() for result in self.results],
            "did_you_mean": self.did_you_mean,
        }


def document_keys(document):
    """Every way of writing the term, with its kind: the term, its variants, its synonyms, spelled acronyms."""
    keys = [("term", document["term"])]
    keys += [("variant", value) for value in document.get("variants") or []]
    keys += [("synonym", value) for value in document.get("synonyms") or []]
    for value in [document["term"], *(document.get("variants") or [])]:
        spelled = text.spelled_out(value)
        if spelled:
            keys.append(("spelled", spelled))
    seen, unique = set(), []
    for kind, value in keys:
        value = (value or "").strip()
        if value and text.compact(value) and (kind, value) not in seen:
            seen.add((kind, value))
            unique.append((kind, value))
    return unique


#: Terms taken from the meaning layer alone (closest vectors), besides the lexical candidates.
MEANING_CANDIDATES = 20


def load_meaning_index():
    """The meaning layer's view of the stored index (vectors and vocabulary), read in one query."""
    rows = SearchDocument.objects.values_list(
        "slug", "meaning", "term", "url", "variants", "synonyms", "short_definition", "full_text"
    )
    slugs, blobs, texts, definitions, payloads = [], [], [], [], {}
    for slug, blob, term, url, variants, synonyms, short_definition, full_text in rows.iterator(chunk_size=2000):
        slugs.append(slug)
        blobs.append(blob)
        texts.append(" ".join([term, *variants, *synonyms, short_definition, full_text]))
        definitions.append(" ".join([short_definition, full_text]))
        payloads[slug] = {"term": term, "url": url, "short_definition": short_definition}
    return meaning.MeaningIndex(slugs, blobs, texts, payloads, vocabulary_texts=definitions)


def hybrid(query, key_parts, text_parts, payloads, meaning_index):
    """``{slug: (key_part, text_part, payload)}``: the lexical and fuzzy parts, the definition's part lifted by
    the term's similarity in meaning to the query; terms close in meaning come in even without a shared word."""
    similarities = {}
    if meaning_index is not None and scoring.is_description(query):
        vector = meaning.query_vector(query.raw)
        if vector is not None:
            similarities = meaning_index.nearest(vector, MEANING_CANDIDATES)
            missing = [slug for slug in set(key_parts) | set(text_parts) if slug not in similarities]
            if missing:
                similarities |= meaning_index.similarities_of(vector, missing)
            if scoring.ALIGNMENT_WEIGHT:
                aligned = meaning_index.alignments(query.raw, list(similarities))
                similarities = {
                    slug: (1 - scoring.ALIGNMENT_WEIGHT) * sim + scoring.ALIGNMENT_WEIGHT * aligned.get(slug, 0.0)
                    for slug, sim in similarities.items()
                }
    candidates = {}
    for slug in set(key_parts) | set(text_parts) | set(similarities):
        payload = payloads.get(slug)
        if payload is None:
            continue
        text_part = scoring.with_meaning(text_parts.get(slug, 0.0), similarities.get(slug))
        candidates[slug] = (key_parts.get(slug, 0.0), text_part, payload)
    return candidates


def rank(query, candidates, limit):
    """Turn ``{slug: (key_part, text_part, payload)}`` into the ranked response for ``query``."""
    scored = []
    for slug, (key_part, text_part, payload) in candidates.items():
        score = scoring.combine(key_part, text_part)
        if score >= scoring.MINIMUM:
            scored.append((score, key_part, payload["term"].lower(), slug, payload))
    scored.sort(key=lambda row: (-row[0], -row[1], row[2]))
    results = [
        SearchResult(
            term=payload["term"],
            slug=slug,
            url=payload["url"],
            short_definition=payload["short_definition"],
            score=round(score, 3),
        )
        for score, _, _, slug, payload in scored[:limit]
    ]
    did_you_mean = None
    if results and results[0].score < scoring.EXACT and text.fold(results[0].term) != text.fold(query):
        did_you_mean = results[0].term
    return SearchResponse(query=query, results=results, did_you_mean=did_you_mean)


class SearchBackend:
    """What every engine does. ``document`` is the dict of ``Term.search_document()``."""

    def index(self, document):
        raise NotImplementedError

    def remove(self, slug):
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    def rebuild(self, documents, progress=None):
        """Replace the whole index by ``documents``; returns how many were indexed.

        ``progress(count)``, if given, is called every thousand documents and at the end.
        """
        self.clear()
        count = 0
        for document in documents:
            self.index(document)
            count += 1
            if progress is not None and count % 1000 == 0:
                progress(count)
        if progress is not None and count % 1000:
            progress(count)
        return count

    def search(self, query, limit=10):
        """Ranked :class:`SearchResponse`, best first, at most ``limit`` results."""
        raise NotImplementedError

    def suggest(self, query, limit=8):
        """Terms for the autocomplete: the same ranking, fewer results."""
        return self.search(query, limit=limit).results


class DatabaseBackend(SearchBackend):
    """Keeps the index in this project's database tables (both the embedded and the PostgreSQL engines)."""

    #: Documents written per round of a bulk rebuild (a few statements each, whatever their number).
    REBUILD_BATCH = 1000

    @staticmethod
    def document_fields(document):
        """The columns of a document's row (but its slug and stems)."""
        return {
            "term": document["term"],
            "url": document["url"],
            "short_definition": document.get("short_definition") or "",
            "category": document.get("category") or "",
            "variants": list(document.get("variants") or []),
            "synonyms": list(document.get("synonyms") or []),
            "full_text": document.get("full_text") or "",
        }

    @transaction.atomic
    def index(self, document):
        defaults = self.document_fields(document)
        defaults["meaning"] = meaning.document_vector(document)
        row, _ = SearchDocument.objects.update_or_create(slug=document["slug"], defaults=defaults)
        row.stems = " ".join(text.stems(row.definition_text()))
        row.save(update_fields=["stems", "updated_at"])
        row.keys.all().delete()
        SearchKey.objects.bulk_create(SearchKey.build(row, kind, value) for kind, value in document_keys(document))
        self.after_index(row)
        IndexVersion.bump()
        return row

    def after_index(self, row):
        """Hook for engine-specific columns (the PostgreSQL full-text vector)."""

    def after_bulk_index(self, rows):
        """Hook for engine-specific columns of many new rows at once; by default :meth:`after_index` on each."""
        for row in rows:
            self.after_index(row)

    def rebuild(self, documents, progress=None):
        """Replace the whole index by ``documents`` in bulk; the same rows as :meth:`index` on each one.

        Batches of ``REBUILD_BATCH`` documents: their rows in one insert (stems computed here), their keys in
        another, the engine's columns in one more (:meth:`after_bulk_index`); a handful of statements per batch
        instead of about ten per document. A document whose slug came in an earlier batch replaces it, as
        :meth:`index` would. ``progress(count)`` is called after each batch. Returns how many were indexed.
        """
        with transaction.atomic():
            self.clear_rows()
            count = 0
            written = set()
            batch = {}
            for document in documents:
                count += 1
                slug = document["slug"]
                if slug in written:
                    self.index(document)  # rare: a slug twice, the first already written
                    continue
                batch[slug] = document  # the last one wins, in the first one's place (as update_or_create)
                if len(batch) >= self.REBUILD_BATCH:
                    self.write_batch(batch.values())
                    written.update(batch)
                    batch = {}
                    if progress is not None:
                        progress(count)
            if batch:
                self.write_batch(batch.values())
                if progress is not None:
                    progress(count)
            IndexVersion.bump()
        return count

    def write_batch(self, documents):
        rows = []
        for document in documents:
            row = SearchDocument(slug=document["slug"], **self.document_fields(document))
            row.meaning = meaning.document_vector(document)
            row.stems = " ".join(text.stems(row.definition_text()))
            rows.append(row)
        rows = SearchDocument.objects.bulk_create(rows)
        keys = [
            SearchKey.build(row, kind, value)
            for row, document in zip(rows, documents, strict=True)
            for kind, value in document_keys(document)
        ]
        SearchKey.objects.bulk_create(keys, batch_size=self.REBUILD_BATCH * 4)
        self.after_bulk_index(rows)

    def clear_rows(self):
        """Every row of the index gone in two statements (no per-row signal: the whole index is rewritten)."""
        with connection.cursor() as cursor:
            for model in (SearchKey, SearchDocument):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608

    def remove(self, slug):
        SearchDocument.objects.filter(slug=slug).delete()
        IndexVersion.bump()

    def clear(self):
        SearchDocument.objects.all().delete()
        IndexVersion.bump()
