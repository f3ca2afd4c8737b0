"""Relevance of the dictionary search on the demo terms, alone and among 10,000 synthetic distractors.

    .venv/bin/python benchmarks/meaning_relevance.py                       # SQLite then PostgreSQL
    .venv/bin/python benchmarks/meaning_relevance.py --database sqlite --terms 0 --misses tuning

Each leg migrates a throwaway database (a temporary SQLite file; the PostgreSQL database
``bench_recherche_sens`` at ``BENCH_POSTGRES_URL``, dropped and created again), loads the demo data (70
published terms), then scores the configured engine on the spelling set and on both parts of the seniors'
descriptions (``descriptions_seniors_tuning.tsv``, ``descriptions_seniors_heldout.tsv``), first on the demo
terms alone, then with ``--terms`` synthetic documents of ``search_latency.synthetic_documents`` added (the
distractors of the latency benchmark). Misses are printed only for the sets named by ``--misses``: the held-out
part is measured, never read while tuning.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEVANCE = ROOT / "tests" / "recherche" / "relevance"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_recherche_sens"
SETS = {
    "spelling": "spelling.tsv",
    "descriptive": "descriptive.tsv",
    "tuning": "descriptions_seniors_tuning.tsv",
    "heldout": "descriptions_seniors_heldout.tsv",
}


def run_leg(terms, misses):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from search_latency import synthetic_documents

    from dictionnaire.models import Term
    from dictionnaire.search.backends import backend_path, get_backend
    from dictionnaire.search.evaluation import evaluate, load_cases

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo_data", stdout=quiet)
    backend = get_backend()
    cases = {name: load_cases(RELEVANCE / path) for name, path in SETS.items()}
    demo = [term.search_document() for term in Term.objects.live()]
    result = {"database": connection.vendor, "engine": backend_path().rsplit(".", 1)[-1]}
    sizes = [0, terms] if terms else [0]
    for extra in sizes:
        start = time.perf_counter()
        backend.rebuild(demo + list(synthetic_documents(extra)))
        indexing = round(time.perf_counter() - start, 1)
        backend.search("warm up")

        def ranked(query):
            return [found.slug for found in backend.search(query, limit=3).results]

        figures = {"indexing_s": indexing}
        for name, pairs in cases.items():
            report = evaluate(ranked, pairs)
            figures[name] = {"top1": round(report.top1_rate, 3), "top3": round(report.top3_rate, 3), "n": report.total}
            if name in misses:
                figures[name]["misses"] = report.misses
        result[f"{len(demo) + extra} terms"] = figures
    print(json.dumps(result, ensure_ascii=False))


def fresh_postgres(url):
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin_url = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--terms", type=int, default=10_000, help="synthetic distractors added (0: demo only)")
    parser.add_argument("--misses", default="", help="comma-separated sets whose misses are printed")
    parser.add_argument("--leg", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    misses = [name for name in args.misses.split(",") if name]
    if args.leg:
        run_leg(args.terms, misses)
        return
    legs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    for leg in legs:
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portail.settings.test", "PORTAIL_VAR_DIR": folder}
            if leg == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            else:
                env["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
                fresh_postgres(env["DATABASE_URL"])
            command = [sys.executable, __file__, "--leg", "--terms", str(args.terms), "--misses", args.misses]
            output = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
            if output.returncode:
                print(output.stderr, file=sys.stderr)
                sys.exit(output.returncode)
            print(json.dumps(json.loads(output.stdout.strip().splitlines()[-1]), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
