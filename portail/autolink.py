"""Defined words linked wherever they appear: the first occurrence of each published word of the dictionary (or one
of its variants) in a piece of HTML becomes a link to its definition, with the short definition on focus and hover.

One compiled matcher for the whole dictionary: a regular expression built as a trie of every word and variant
(so its cost grows with the length of the text, not with the number of words: see ``benchmarks/emporter.py``, at
10,000 terms), rebuilt only when the dictionary's cache generation moves on (a term published, changed or
unpublished). The words and their definitions are read once per generation from the shared cache, the compiled
expression is kept in each process. Pages that use it keep the linked HTML in their own caches, so a kept page
costs nothing more.

Never linked: text inside headings, links, buttons, labels, code, scripts and styles; part of a longer word
(French word boundaries: « internet » is not linked inside « internetique » nor « e-mail » inside « e-mails »).
The accessible pattern: ``<a aria-describedby>`` pointing at the short definition in a ``role="tooltip"`` span,
shown by CSS on hover and focus (no JavaScript), read by screen readers as the link's description.
"""

import html
import logging
import re
import threading
import time

from django.utils.safestring import mark_safe

#: Elements whose text is never linked (and never split by a link).
SKIPPED_ELEMENTS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "select", "option", "textarea", "summary",
     "code", "pre", "script", "style", "title", "svg", "figcaption", "dt", "abbr"}
)  # fmt: skip
VOID_ELEMENTS = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed"})
TAG_RE = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG_NAME_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
#: What may not touch a word on either side for it to be a whole word (letters, digits, joining hyphens, entities).
BEFORE = r"(?<![\w\-&#@])"
AFTER = r"(?![\w\-]|-\w)"
MIN_LENGTH = 3


def _trie_pattern(words):
    """One regular expression matching any of ``words`` (lower case), factored as a trie: fast at any size."""
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node):
        end = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if end else group

    return build(trie)


class Matcher:
    """Links the words of ``entries`` (``{form: (url, short definition)}``) in HTML. Build it once, use it often."""

    def __init__(self, entries):
        self.entries = {}
        for form, (url, definition) in entries.items():
            key = " ".join(str(form).lower().split())
            if len(key) >= MIN_LENGTH and key not in self.entries:
                self.entries[key] = (url, definition)
        words = sorted(self.entries, key=len, reverse=True)
        body = _trie_pattern(words) if words else r"(?!x)x"
        # Spaces in a multi-word term match any run of spaces (a line break in the source, a no-break space).
        body = body.replace(r"\ ", r"[\s\u00a0]+")
        # A French plural (« smartphones », « réseaux ») is the same word.
        self.pattern = re.compile(BEFORE + "(" + body + ")[sx]?" + AFTER, re.IGNORECASE)

    def link(self, markup, skip_urls=(), seen=None):
        """``markup`` with the first occurrence of each word linked (not those of ``skip_urls``).

        ``seen``: the addresses already linked on this page (shared across several calls for one page).
        """
        seen = set() if seen is None else seen
        seen.update(skip_urls)
        parts = TAG_RE.split(str(markup))
        skipped_depth = 0
        out = []
        for index, part in enumerate(parts):
            if index % 2:  # a tag or a comment
                match = TAG_NAME_RE.match(part)
                if match:
                    closing, name = match.group(1), match.group(2).lower()
                    if name in SKIPPED_ELEMENTS and name not in VOID_ELEMENTS and not part.endswith("/>"):
                        skipped_depth = max(0, skipped_depth + (-1 if closing else 1))
                out.append(part)
            elif skipped_depth or not part.strip():
                out.append(part)
            else:
                out.append(self._link_text(part, seen))
        return mark_safe("".join(out))  # noqa: S308 - the input's tags are kept as they were; ours are escaped

    def _link_text(self, text, seen):
        def replace(match):
            found = match.group(0)
            key = " ".join(html.unescape(match.group(1)).lower().split())
            entry = self.entries.get(key)
            if entry is None:
                return found
            url, definition = entry
            if url in seen:
                return found
            seen.add(url)
            ident = "mot-defini-" + re.sub(r"[^a-z0-9-]", "-", url.strip("/").rsplit("/", 1)[-1].lower())
            return (
                f'<a class="defined-word" href="{html.escape(url)}" aria-describedby="{ident}">{found}</a>'
                f'<span class="defined-word__tip" role="tooltip" id="{ident}">{html.escape(definition)}</span>'
            )

        return self.pattern.sub(replace, text)


# -- the dictionary's matcher ----------------------------------------------------------------------------------

_lock = threading.Lock()
#: The matcher of this process per language: ``{"generation", "matcher", "built"}``.
_memo = {}
#: Seconds after which a matcher is built again in any case.
MAX_AGE = 10 * 60
#: Shared cache key moved on by every change of a term (absent after a flush: then nothing changed as far as known).
CHANGED_KEY = "autolink:terms-changed"


def dictionary_entries():
    """``{word or variant: (address, short definition)}`` of every published term (one query)."""
    from dictionnaire.models import Term
    from dictionnaire.text import split_list

    entries = {}
    from django.urls import reverse

    for word, slug, variants, definition in Term.objects.live().values_list(
        "word", "slug", "variants", "short_definition"
    ):
        value = (reverse("dictionnaire:term", args=[slug]), " ".join(definition.split()))
        for form in (word, *split_list(variants)):
            entries.setdefault(form.lower(), value)
    return entries


def dictionary_matcher():
    """The matcher of the published dictionary, compiled once per change of the dictionary's terms in this process.

    Like Django's per-process caches (content types, locales), it survives the shared cache being emptied: a flush
    is not a change. Any change of a term (saved, published, unpublished, deleted) forgets it in this process at
    once and writes a new ``CHANGED_KEY`` in the shared cache, which makes every other worker build it again
    (``forget``). It is also rebuilt after ``MAX_AGE`` seconds whatever happens.
    """
    from django.core.cache import cache
    from django.utils import translation

    language = translation.get_language()
    memo = _memo.get(language)
    try:
        changed = cache.get(CHANGED_KEY)
    except Exception:
        changed = None
    if memo is not None and time.monotonic() - memo["built"] < MAX_AGE and memo["changed"] == changed:
        return memo["matcher"]
    with _lock:
        matcher = Matcher(dictionary_entries())
        _memo[language] = {"changed": changed, "matcher": matcher, "built": time.monotonic()}
    return matcher


def forget(sender=None, **kwargs):
    """A term changed: this process and every other one build the matcher again for their next page."""
    if getattr(getattr(sender, "_meta", None), "label_lower", None) != "dictionnaire.term":
        return
    from django.core.cache import cache

    _memo.clear()
    try:
        cache.set(CHANGED_KEY, time.time_ns(), timeout=None)
    except Exception:
        logging.getLogger(__name__).warning("cache unreachable: other workers link with the old words", exc_info=True)


def link_defined_words(markup, skip_urls=(), seen=None):
    """``markup`` with its defined words linked; unchanged (and never failing the page) if anything goes wrong."""
    try:
        return dictionary_matcher().link(markup, skip_urls=skip_urls, seen=seen)
    except Exception:
        logging.getLogger(__name__).exception("defined words not linked")
        return markup


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import published, unpublished

    for signal in (post_save, post_delete, published, unpublished):
        signal.connect(forget, dispatch_uid=f"portail-autolink-{id(signal)}")
