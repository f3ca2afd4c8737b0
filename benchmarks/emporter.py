"""« Emporter » benchmarks: the large-print lexique PDF and the automatic links to defined words.

    .venv/bin/python benchmarks/emporter.py               # both
    .venv/bin/python benchmarks/emporter.py lexicon       # a 40-word lexique PDF (goal: under 3 s)
    .venv/bin/python benchmarks/emporter.py autolink      # the matcher at 10,000 terms (build once, link a fiche)

No database: the terms are built in memory (the PDF's words with definitions, « dangereux », « cool » of
realistic length and a QR code each; the matcher's 10,000 words from French-like syllables plus the real ones).
Wall-clock and CPU time of this process, best and median of a few rounds.
"""

import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)

SENTENCE = (
    "C'est un mot du numérique que les enfants expliquent avec des mots simples, pour que tout le monde comprenne."
)


def timed(function, rounds, digits=3):
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "wall_best_s": round(min(walls), digits),
        "wall_median_s": round(statistics.median(walls), digits),
        "cpu_median_s": round(statistics.median(cpus), digits),
    }


def bench_lexicon(rounds=3):
    from django.test import RequestFactory

    from dictionnaire.lexicon import render_pdf
    from dictionnaire.models import Term

    terms = [
        Term(
            word=f"Mot numéro {n}",
            slug=f"mot-{n}",
            category="internet",
            short_definition=SENTENCE,
            danger=SENTENCE * 2,
            cool=SENTENCE * 2,
        )
        for n in range(40)
    ]
    request = RequestFactory().get("/dictionnaire/lexique.pdf")
    result = timed(lambda: render_pdf(terms, "Le lexique de Josette", request), rounds)
    print("lexique PDF, 40 words:", result)
    return result


def bench_autolink(rounds=20, size=10_000):
    from portail.autolink import Matcher

    rng = random.Random(20)
    syllables = ["ba", "bi", "bo", "cra", "cro", "da", "de", "fi", "fo", "ga", "li", "lo", "ma", "mi", "no", "pa"]
    entries = {}
    while len(entries) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        entries[word] = (f"/dictionnaire/{word}/", SENTENCE)
    entries.update(
        {"smartphone": ("/dictionnaire/smartphone/", SENTENCE), "tablette": ("/dictionnaire/tablette/", SENTENCE)}
    )
    started = time.perf_counter()
    matcher = Matcher(entries)
    print(f"matcher of {len(entries)} words built in {time.perf_counter() - started:.3f} s")
    paragraph = (
        "<p>Les seniors apprennent à se servir d'une tablette et d'un smartphone avec les enfants de l'école ; "
        "ils découvrent les <strong>applications</strong>, la tablette, les <a href='/x/'>smartphone</a> et "
        "l'internet sans crainte.</p>"
    )
    html = paragraph * 40  # a long fiche: about 8,000 words of text
    result = timed(lambda: matcher.link(html), rounds, digits=6)
    print(
        f"linking a fiche of {len(html)} characters at {len(entries)} words (ms):",
        {k.replace("_s", "_ms"): round(v * 1000, 3) for k, v in result.items()},
    )
    return result


if __name__ == "__main__":
    which = sys.argv[1:] or ["lexicon", "autolink"]
    if "lexicon" in which:
        bench_lexicon()
    if "autolink" in which:
        bench_autolink()
