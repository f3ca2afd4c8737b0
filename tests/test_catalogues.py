"""The interface speaks English and Arabic through gettext catalogues committed in ``locale/``: every French
string of the templates and the Python code has a translation in each, and the compiled ``.mo`` files that Django
reads say the same as the ``.po`` files that translators edit. No gettext tool is needed to run these checks."""

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
SOURCE_DIRS = ["portail", "dictionnaire", "fiches", "boussole", "templates"]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def catalogue(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as file:
        return read_po(file, locale=language)


def source_messages():
    """``{(context, msgid)}`` of every translatable string, found as ``makemessages`` finds them."""
    found = set()
    for folder in SOURCE_DIRS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if "migrations" in path.parts or path.suffix not in {".py", ".html", ".txt"}:
                continue
            source = path.read_text(encoding="utf-8")
            if path.suffix != ".py":
                # Django's own translation of a template into Python-like text, left-aligned for the tokenizer.
                source = "\n".join(line.lstrip() for line in templatize(source, origin=str(path)).splitlines())
            for _line, message, _comments, context in extract("python", io.BytesIO(source.encode()), KEYWORDS):
                found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_has_a_translation(language):
    po = catalogue(language)
    untranslated = [
        message.id
        for message in po
        if message.id
        and (
            "fuzzy" in message.flags
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert not untranslated, f"{len(untranslated)} strings without {language} translation: {untranslated[:10]}"
    errors = [(message.id, error) for message, errors in po.check() for error in errors]
    assert not errors, errors  # the same %(placeholders)s in each translation
    assert not po.fuzzy and po.num_plurals == {"en": 2, "ar": 6}[language]


def test_the_catalogues_hold_every_string_of_the_code_and_templates():
    in_code = source_messages()
    assert len(in_code) > 700
    for language in LANGUAGES:
        po = catalogue(language)
        in_catalogue = {
            (message.context, message.id[0] if isinstance(message.id, tuple) else message.id) for message in po
        }
        missing = sorted(msgid for _context, msgid in in_code - in_catalogue)
        assert not missing, f"run makemessages and translate into {language}: {missing[:10]} ({len(missing)} in all)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_po_file_says(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as file:
        compiled = gettext.GNUTranslations(file)

    for message in catalogue(language):
        if not message.id:
            continue
        key = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, tuple):
            for index, form in enumerate(message.string):
                assert compiled._catalog[(key + message.id[0], index)] == form, "run compilemessages"
        else:
            assert compiled._catalog[key + message.id] == message.string, "run compilemessages"
    assert compiled.ngettext("une", "plusieurs", 2) != compiled.ngettext("une", "plusieurs", 1)  # plural forms read


def test_french_plurals_follow_the_french_rule():
    """French needs its own plural rule: « 0 élève », « 1 élève », « 2 élèves » (the English rule says « 0 élèves »)."""
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} élève a rejoint l'atelier"
        "{% plural %}{{ counter }} élèves ont rejoint l'atelier{% endblocktranslate %}"
    )
    with translation.override("fr"):
        said = [template.render(Context({"n": n})) for n in (0, 1, 2)]
    assert said == ["0 élève a rejoint l'atelier", "1 élève a rejoint l'atelier", "2 élèves ont rejoint l'atelier"]
    plural_strings = {message.id for message in catalogue("en") if isinstance(message.id, tuple)}
    with open(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po", "rb") as file:
        assert {message.id for message in read_po(file, locale="fr")} >= plural_strings, "po_pending.py french-plurals"
