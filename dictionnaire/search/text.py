"""Turning what people type into comparable keys: folded text, tokens, singulars, stems and a French sound key.

Every backend uses these functions on both sides (documents and queries), so that "Téléchargé", "telecharger"
and "télé-charger" meet. Only the French phonetic rules are written here: addok-fr, the maintained French
phonetic normaliser, pins an old Redis client and a whole geocoder (addok) that this project cannot install
beside its own Redis client, and its rules target street names rather than the English loanwords of digital
life ("ouifi", "smartfone", "kiou ar code"). The rules below follow the same idea: rewrite spellings that
sound alike to one form, then drop the letters French does not pronounce.
"""

import re
from functools import lru_cache

import Stemmer
from unidecode import unidecode

TOKEN_RE = re.compile(r"[a-z0-9]+|[@#]")

#: Words that carry no meaning in a search ("le truc pour payer sans contact" → "payer sans contact").
_STOP_WORDS_TEXT = """
a ai as au aux avec c ca ce ceci cela ces cet cette chez comme d dans de des du elle elles en est et etre
eu il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas
pour qu que quel quelle quelles quels qui quoi s sa se ses si son sont sur t ta te tes toi ton tu un une
vos votre vous y
truc trucs machin machins chose choses bidule quand comment faire fait veut dire mot mots cest
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
#: Words that are stop words in a sentence but real content inside a term ("mot de passe").
TERM_WORDS = frozenset({"mot", "mots", "faire", "dire"})

_stemmer = Stemmer.Stemmer("french")


@lru_cache(maxsize=50_000)
def fold(text):
    """Lower case, no accents, ligatures opened, every run of punctuation or spaces made one space."""
    text = unidecode(str(text)).lower()
    return " ".join(TOKEN_RE.findall(text))


def tokens(text):
    return fold(text).split()


def content_tokens(text, *, keep_term_words=False):
    """Tokens without stop words; all tokens when nothing else is left (a query of only "le" still searches)."""
    words = tokens(text)
    kept = [w for w in words if w not in STOP_WORDS or (keep_term_words and w in TERM_WORDS)]
    return kept or words


def compact(text):
    """The folded text without any space: "you tube", "Wi-Fi" and "mot-de-passe" become one word."""
    return fold(text).replace(" ", "")


@lru_cache(maxsize=50_000)
def singular(word):
    """A light French singular: "réseaux" → "reseau", "sociaux" → "social", "mots" → "mot"."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("eaux", "eux")):
        return word[:-1]
    if word.endswith("aux") and len(word) > 5:
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def singular_compact(text):
    return "".join(singular(word) for word in tokens(text))


@lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer.stemWord(word)


def stems(text):
    """Snowball French stems of the meaningful words, for searching definitions."""
    return [stem(word) for word in content_tokens(text) if word not in STOP_WORDS]


# Spellings that sound the same in French, most specific first. Applied to folded text without spaces.
_PHONETIC_RULES = [
    (r"ph", "f"),
    (r"th", "t"),
    (r"sch|sh", "ch"),
    (r"ck|cq|qu|q|k", "k"),
    (r"c(?=[eiy])", "s"),
    (r"ch", "§"),  # keep "ch" apart from the hard "c"
    (r"c", "k"),
    (r"§", "ch"),
    (r"gu(?=[eiy])", "g"),
    (r"g(?=[eiy])", "j"),
    (r"gn", "ni"),
    (r"x", "ks"),
    (r"z", "s"),
    (r"ew", "iou"),
    (r"w", "ou"),
    (r"ee|ea|ie$", "i"),
    (r"oo", "ou"),
    (r"y", "i"),
    (r"eau|au", "o"),
    (r"(ai|ei|ay|ey)(?![nm])", "e"),
    (r"oe|eu", "e"),
    (r"tion", "sion"),
    (r"(?<=[aeiou])s(?=[aeiou])", "s"),
    (r"(?<![cs])h", ""),
    (r"(ain|ein|aim|in|im|un|um|yn)(?=[^aeiou])", "1"),
    (r"(an|am|en|em)(?=[^aeiou])", "2"),
    (r"([a-z0-9])\1+", r"\1"),
    (r"(?<=.)(er|ez|et)$", "e"),  # "clavier" sounds like "clavié"
    (r"(?<=..)e$", ""),  # silent endings, twice: "pronote" and "pronot" meet
    (r"(?<=..)(s|t|d|x)$", ""),
    (r"(?<=..)(s|t|d|x)$", ""),
]
_PHONETIC_COMPILED = [(re.compile(pattern), replacement) for pattern, replacement in _PHONETIC_RULES]
_VOWELS_RE = re.compile(r"[aeiou12]")


@lru_cache(maxsize=50_000)
def phonetic_word(word):
    """A French sound key of one folded word: "smartfone" and "smartphone" → "smartfon"; "ouifi", "wifi" → "ouifi"."""
    if word.isdigit() or len(word) <= 1:
        return word
    key = word
    for pattern, replacement in _PHONETIC_COMPILED:
        key = pattern.sub(replacement, key)
    return key or word


def phonetic(text):
    """The sound key of a whole text, spaces dropped ("kiou ar code" → "kiouarkod")."""
    return phonetic_word(compact(str(text).replace("ç", "s").replace("Ç", "s")))


#: How French speakers spell letters out, to find "GPS" from "gépéesse" and "SMS" from "èsse èmme èsse".
LETTER_NAMES = {
    "a": "a", "b": "be", "c": "se", "d": "de", "e": "e", "f": "ef", "g": "je", "h": "ach", "i": "i",
    "j": "ji", "k": "ka", "l": "el", "m": "em", "n": "en", "o": "o", "p": "pe", "q": "ku", "r": "er",
    "s": "es", "t": "te", "u": "u", "v": "ve", "w": "doublev", "x": "iks", "y": "igrec", "z": "zed",
}  # fmt: skip


def spelled_out(text):
    """How an acronym of the text sounds letter by letter ("QR code" → "kuerre code"), or "" if it has none."""
    words = str(text).split()
    spelled = []
    found = False
    for word in words:
        letters = fold(word)
        if word.isupper() and 2 <= len(letters) <= 5 and letters.isalpha():
            spelled.append("".join(LETTER_NAMES[letter] for letter in letters))
            found = True
        else:
            spelled.append(letters)
    return " ".join(spelled) if found else ""


def skeleton(text):
    """The consonants of the sound key after its first letter ("kiou ar code" and "QR code" → "krkd").

    Only meaningful with three consonants or more; shorter skeletons are returned empty.
    """
    key = phonetic(text)
    if not key:
        return ""
    rest = _VOWELS_RE.sub("", key[1:])
    head = "" if key[0] in "aeiou12" else key[0]
    result = head + rest
    return result if len(result) >= 3 else ""
