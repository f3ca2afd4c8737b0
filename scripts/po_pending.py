"""Translations written beside the code, merged into the catalogues later.

Branches that add interface strings do not edit ``locale/*/django.po`` (every branch would conflict there): they
write their English and Arabic translations into ``locale/pending/<branch>.json`` and the integration applies
them. Usage, after ``make messages`` has refreshed the catalogues from the code:

    python scripts/po_pending.py missing            # untranslated strings, as a JSON list to fill in
    python scripts/po_pending.py apply              # fill the catalogues from locale/pending/*.json
    python scripts/po_pending.py apply --keep       # the same, without removing the pending files
    python scripts/po_pending.py french-plurals     # locale/fr: French plural rule (« 0 élève », « 1 élève »)

A pending file is a JSON list of ``{"msgid": ..., "msgid_plural": ... (optional), "msgctxt": ... (optional),
"en": "..." or [2 forms], "ar": "..." or [6 forms]}``.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"en": 2, "ar": 6}
PENDING = ROOT / "locale" / "pending"


def catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def untranslated(po):
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags or not (
            all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        ):
            yield entry


def missing():
    found = {}
    for language in LANGUAGES:
        for entry in untranslated(catalogue(language)):
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            item = found.setdefault(key, {"msgid": entry.msgid})
            if entry.msgid_plural:
                item["msgid_plural"] = entry.msgid_plural
            if entry.msgctxt:
                item["msgctxt"] = entry.msgctxt
            item[language] = [""] * LANGUAGES[language] if entry.msgid_plural else ""
    json.dump(list(found.values()), sys.stdout, ensure_ascii=False, indent=1)
    print()


def apply(keep=False):
    files = sorted(PENDING.glob("*.json"))
    items = [item for path in files for item in json.loads(path.read_text(encoding="utf-8"))]
    left = 0
    for language, forms in LANGUAGES.items():
        po = catalogue(language)
        index = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
        for item in items:
            entry = index.get((item.get("msgctxt"), item["msgid"]))
            text = item.get(language)
            if entry is None or not text:
                continue
            if entry.msgid_plural:
                text = text if isinstance(text, list) else [text] * forms
                entry.msgstr_plural = {i: text[min(i, len(text) - 1)] for i in range(forms)}
            else:
                entry.msgstr = text if isinstance(text, str) else text[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
        po.save()
        still = [e.msgid for e in untranslated(po)]
        left += len(still)
        for msgid in still:
            print(f"{language}: untranslated: {msgid!r}", file=sys.stderr)
    if not keep:
        for path in files:
            path.unlink()
    print(f"{len(items)} pending translations from {len(files)} file(s); {left} still untranslated")
    return 1 if left else 0


def french_plurals():
    """French is the source language and needs no catalogue, except for plurals: without one, gettext applies the
    English rule and says « 0 élèves ». This catalogue holds only the plural strings, translated by themselves."""
    source = catalogue("en")
    french = polib.POFile()
    french.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "fr",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    for entry in source:
        if entry.msgid_plural and not entry.obsolete:
            french.append(
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr_plural={0: entry.msgid, 1: entry.msgid_plural},
                )
            )
    folder = ROOT / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    french.save(str(folder / "django.po"))
    french.save_as_mofile(str(folder / "django.mo"))
    print(f"{len(french)} French plural strings")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "missing":
        missing()
    elif command == "french-plurals":
        french_plurals()
    elif command == "apply":
        sys.exit(apply(keep="--keep" in sys.argv))
    else:
        sys.exit(__doc__)
