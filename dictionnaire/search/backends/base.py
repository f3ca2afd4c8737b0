"""The interface every search engine offers, and the storage shared by the two database engines."""

from dataclasses import asdict, dataclass, field

from django.db import transaction

from .. import scoring, text
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

    def rebuild(self, documents):
        """Replace the whole index by ``documents``; returns how many were indexed."""
        self.clear()
        count = 0
        for document in documents:
            self.index(document)
            count += 1
        return count

    def search(self, query, limit=10):
        """Ranked :class:`SearchResponse`, best first, at most ``limit`` results."""
        raise NotImplementedError

    def suggest(self, query, limit=8):
        """Terms for the autocomplete: the same ranking, fewer results."""
        return self.search(query, limit=limit).results


class DatabaseBackend(SearchBackend):
    """Keeps the index in this project's database tables (both the embedded and the PostgreSQL engines)."""

    @transaction.atomic
    def index(self, document):
        defaults = {
            "term": document["term"],
            "url": document["url"],
            "short_definition": document.get("short_definition") or "",
            "category": document.get("category") or "",
            "variants": list(document.get("variants") or []),
            "synonyms": list(document.get("synonyms") or []),
            "full_text": document.get("full_text") or "",
        }
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

    def rebuild(self, documents):
        with transaction.atomic():
            return super().rebuild(documents)

    def remove(self, slug):
        SearchDocument.objects.filter(slug=slug).delete()
        IndexVersion.bump()

    def clear(self):
        SearchDocument.objects.all().delete()
        IndexVersion.bump()
