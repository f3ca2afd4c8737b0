"""How well a query matches one way of writing a term, shared by the backends so that they rank alike.

Scores run from 0 to 1: exact spellings first (1.0 for the term, a little less for a variant or a synonym),
then plurals, sound-alike spellings, typos, prefixes and queries with extra words; the definition's text
comes last (at most ``TEXT_WEIGHT``), so that a description never outranks a word that was typed.
"""

from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import Indel

from . import text

KIND_WEIGHTS = {"term": 1.0, "variant": 0.98, "spelled": 0.96, "synonym": 0.94}
#: A score from which the word is taken as what was meant (no "Vouliez-vous dire").
EXACT = 0.96
#: Below this, the query "matches no term well": suggestions and the request form are offered.
GOOD = 0.72
#: A description's best term is given first as the answer when it reaches this and leads the next one by the
#: margin (on the tuning descriptions: about a third of them, right 9 times in 10); otherwise the page says it
#: is unsure and offers three candidates.
SURE_SCORE = 0.5
SURE_MARGIN = 0.1
#: Results under this score are not shown at all.
MINIMUM = 0.1
#: In a description, how much a term named among other words counts without them (see ``words_match``).
PARTIAL_SHARE = 0.2
#: The most the definition's text can add on its own.
TEXT_WEIGHT = 0.8


def similarity(a, b):
    """Normalised edit similarity (insertions and deletions), 0 to 1."""
    if not a or not b:
        return 0.0
    return Indel.normalized_similarity(a, b)


@dataclass(frozen=True)
class Written:
    """A text with the keys every comparison needs, computed once."""

    raw: str
    folded: str = field(init=False)
    compact: str = field(init=False)
    singular: str = field(init=False)
    phonetic: str = field(init=False)
    skeleton: str = field(init=False)
    #: The singular words without stop words: "le web" → "web", "les mots de passe" → "motpasse".
    essential: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "folded", text.fold(self.raw))
        object.__setattr__(self, "compact", text.compact(self.raw))
        object.__setattr__(self, "singular", text.singular_compact(self.raw))
        object.__setattr__(self, "phonetic", text.phonetic(self.raw))
        object.__setattr__(self, "skeleton", text.skeleton(self.raw))
        essential = "".join(text.singular(w) for w in text.content_tokens(self.raw, keep_term_words=True))
        object.__setattr__(self, "essential", essential)

    @cached_property
    def words(self):
        return [Word(w) for w in text.content_tokens(self.raw, keep_term_words=True)]


@dataclass(frozen=True)
class Word:
    value: str

    @cached_property
    def singular(self):
        return text.singular(self.value)

    @cached_property
    def phonetic(self):
        return text.phonetic_word(self.value)

    @cached_property
    def stem(self):
        return text.stem(self.value)


def word_similarity(query_word, key_word):
    """How close two single words are: same word, plural, same sound, same stem, or a typo."""
    if query_word.value == key_word.value or query_word.singular == key_word.singular:
        return 1.0
    if len(key_word.value) >= 3 and query_word.phonetic == key_word.phonetic:
        return 0.93
    if len(key_word.value) >= 4 and query_word.stem == key_word.stem:
        return 0.92
    if min(len(query_word.value), len(key_word.value)) < 4:
        return 0.0
    best = max(similarity(query_word.value, key_word.value), similarity(query_word.phonetic, key_word.phonetic))
    if len(query_word.value) >= 4 and key_word.value.startswith(query_word.value):
        best = max(best, 0.8)
    return 0.9 * best if best >= 0.75 else 0.0


def words_match(query, key):
    """The key's words found among the query's, wherever they are ("navigateur internet" finds "navigateur")."""
    key_words = key.words
    query_words = query.words
    if not key_words or not query_words:
        return 0.0
    total = 0.0
    matched_query = set()
    first_position = len(query_words)
    found = 0
    for key_word in key_words:
        best, best_position = 0.0, None
        for position, query_word in enumerate(query_words):
            score = word_similarity(query_word, key_word)
            if score > best:
                best, best_position = score, position
        if best_position is not None:
            found += 1
            matched_query.add(best_position)
            first_position = min(first_position, best_position)
        total += best
    if not found:
        return 0.0
    key_coverage = total / len(key_words)
    query_coverage = len(matched_query) / len(query_words)
    completeness = (found / len(key_words)) ** 2
    # In a description (several words beside the term's), the term named is often the context, not the answer
    # (« l'infection de l'ordinateur »): the share of the query it covers weighs more there.
    share = PARTIAL_SHARE if len(query_words) > 2 else 0.55
    return 0.9 * key_coverage * completeness * (share + (1 - share) * query_coverage) - 0.01 * first_position


def key_score(query, key, kind="term"):
    """How well ``query`` (a :class:`Written`) matches ``key`` (a :class:`Written`), weighted by the key's kind."""
    weight = KIND_WEIGHTS.get(kind, 0.9)
    if not query.compact or not key.compact:
        return 0.0
    if query.compact == key.compact:
        return 1.0 * weight
    if query.singular == key.singular:
        return 0.97 * weight
    if query.essential == key.essential:
        return 0.95 * weight
    if query.phonetic == key.phonetic and len(key.compact) >= 3:
        return 0.93 * weight
    best = 0.0
    if len(query.compact) >= 3 and len(key.compact) >= 3:
        whole = max(similarity(query.compact, key.compact), similarity(query.phonetic, key.phonetic))
        if whole >= 0.6:
            best = 0.91 * whole
    if query.skeleton and query.skeleton == key.skeleton:
        best = max(best, 0.86)
    if len(query.compact) >= 3 and key.compact.startswith(query.compact):
        best = max(best, 0.78 + 0.15 * len(query.compact) / len(key.compact))
    if len(query.words) > 1 or len(key.words) > 1:
        best = max(best, words_match(query, key))
    return best * weight


def combine(key_part, text_part):
    """A term's final score: its best spelling match, lifted a little by its definition, or the text alone."""
    text_part = min(text_part, 1.0) * TEXT_WEIGHT
    if key_part >= text_part:
        return min(1.0, key_part + 0.02 * text_part)
    return text_part + 0.1 * key_part


#: How much the meaning layer weighs in a definition's part, and the similarity under which it adds nothing.
MEANING_WEIGHT = 0.45
MEANING_FLOOR = 0.2
#: In a term's similarity, the share of the word-by-word alignment (the rest: the whole texts' vectors).
ALIGNMENT_WEIGHT = 0.5
#: A query of at least this many meaningful words is a description, not a word typed (the meaning layer joins in).
DESCRIPTION_WORDS = 2


def is_description(query):
    """True for a query worth a meaning search: several words, or a word that is no term's spelling."""
    return len(query.words) >= DESCRIPTION_WORDS


def with_meaning(text_part, similarity):
    """A definition's part lifted by the term's similarity in meaning to the query (None: not computed)."""
    if similarity is None:
        return text_part
    meaning_part = max(0.0, (similarity - MEANING_FLOOR) / (1 - MEANING_FLOOR))
    return (1 - MEANING_WEIGHT) * text_part + MEANING_WEIGHT * meaning_part


def text_relevance(coverage, strength):
    """How well a definition answers a description: mostly the share of the query it covers, then how strongly."""
    return 0.8 * coverage + 0.2 * strength


def saturate(value, half):
    """Map an unbounded relevance (BM25, ts_rank) to 0..1, reaching 0.5 at ``half``."""
    return value / (value + half) if value > 0 else 0.0
