"""Plain-language help for pupils while they write, and a readability score for the moderators (issue 17).

The figures come from textstat with its French settings (syllables by pyphen's French dictionary, the
Kandel & Moles adaptation of Flesch's reading ease). Pupils get friendly hints, never a grade.
"""

import re
import warnings

from django.core.cache import cache
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from textstat.textstat import textstatistics

from dictionnaire.text import match_key

#: A sentence longer than this (in words) is hard to follow for a child or a senior learning to read on screen.
LONG_SENTENCE = 20
#: A word of this many syllables or more, or letters, is worth explaining.
LONG_WORD_SYLLABLES = 4
LONG_WORD_LETTERS = 13

_stats = textstatistics()
_stats.set_lang("fr")

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def text_of(values):
    """The reader-facing text of a draft (``{field: value}`` or a term), one paragraph per part."""
    get = values.get if isinstance(values, dict) else lambda name, default="": getattr(values, name, default)
    full = get("full_text", "") or strip_tags(get("full_definition", "") or "")
    parts = [get("short_definition", ""), full, get("usages", ""), get("danger", ""), get("cool", "")]
    return "\n".join(part.strip() for part in parts if part and part.strip())


def reading_ease(text):
    """Flesch's reading ease in its French form (0 hard – 100 easy), or ``None`` for a text too short to say."""
    if len(WORD.findall(text)) < 5:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return max(0, min(100, round(_stats.flesch_reading_ease(text))))


def ease_label(score):
    if score is None:
        return _("texte trop court")
    if score >= 70:
        return _("facile")
    if score >= 50:
        return _("assez facile")
    if score >= 30:
        return _("difficile")
    return _("très difficile")


def long_sentences(text):
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()]
    return [(s, len(WORD.findall(s))) for s in sentences if len(WORD.findall(s)) > LONG_SENTENCE]


def long_words(text):
    found = []
    for word in WORD.findall(text):
        bare = word.split("'")[-1].split("’")[-1]
        is_long = len(bare) >= LONG_WORD_LETTERS or _stats.syllable_count(bare) >= LONG_WORD_SYLLABLES
        if is_long and bare.lower() not in {w.lower() for w in found}:
            found.append(bare)
    return found


def dictionary_words():
    """``{match key: (word, slug)}`` of the published terms and their variants (kept a few minutes)."""
    from dictionnaire.models import Term

    def load():
        words = {}
        for term in Term.objects.live().only("word", "slug", "variants"):
            for spelling in [term.word, *term.variant_list()]:
                if match_key(spelling):
                    words[match_key(spelling)] = (term.word, term.slug)
        return words

    return cache.get_or_set("dictionnaire-readability-words", load, timeout=300)


def linkable_words(text, own_word=""):
    """Words of the text that the dictionary already defines (to suggest linking), but not the term's own."""
    tokens = [match_key(w) for w in WORD.findall(text)]
    own = match_key(own_word)
    found = {}
    known = dictionary_words()
    for size in (3, 2, 1):  # « mode avion » before « avion »
        for start in range(len(tokens) - size + 1):
            key = "".join(tokens[start : start + size])
            if key in known and key != own and known[key][0] not in found:
                found[known[key][0]] = known[key][1]
    return sorted(found.items())


def hints(values, own_word=""):
    """Friendly hints for a pupil (« tu »): a list of sentences, never a grade."""
    text = text_of(values)
    if not text:
        return []
    tips = []
    for sentence, count in long_sentences(text)[:3]:
        start = " ".join(sentence.split()[:6])
        tips.append(
            _("Cette phrase est longue (%(count)s mots) : « %(start)s… ». Tu peux la couper en deux.")
            % {"count": count, "start": start}
        )
    words = long_words(text)[:6]
    if words:
        tips.append(
            _(
                "Ces mots sont longs ou rares : %(words)s. Les grands-parents les comprendront-ils ? "
                "Explique-les avec des mots simples."
            )
            % {"words": ", ".join(words)}
        )
    linked = linkable_words(text, own_word)
    if linked:
        tips.append(
            _(
                "Ces mots sont déjà expliqués dans le dictionnaire : %(words)s. Les modérateurs pourront les "
                "relier à ta définition."
            )
            % {"words": ", ".join(word for word, _slug in linked)}
        )
    return tips


def score_of(term):
    """For the moderators: ``{"score", "label", "sentences", "words", "long_words", "linkable"}``."""
    text = text_of(term)
    score = reading_ease(text)
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    words = WORD.findall(text)
    return {
        "score": score,
        "label": ease_label(score),
        "words_per_sentence": round(len(words) / len(sentences), 1) if sentences else 0,
        "long_words": long_words(text)[:6],
        "linkable": [word for word, _slug in linkable_words(text, getattr(term, "word", ""))],
    }
