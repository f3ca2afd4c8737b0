"""Relevance of Wagtail's own search next to the dictionary search, on the same sets and the same demo terms.

    .venv/bin/python benchmarks/wagtail_relevance.py            # SQLite then PostgreSQL

Each leg migrates a throwaway database, loads the demo data (70 published terms, indexed both by Wagtail's
configured backend and by the dictionary search), then scores every engine on ``tests/recherche/relevance``:
Wagtail's default database backend (``Term.objects.live().search(q)``), Wagtail's ``Fuzzy`` query on
PostgreSQL (pg_trgm; not implemented on SQLite), and the dictionary search's engine for that database.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEVANCE = ROOT / "tests" / "recherche" / "relevance"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_recherche_relevance"


def run_leg():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.search.query import Fuzzy

    from dictionnaire.models import Term
    from dictionnaire.search.backends import backend_path, get_backend
    from dictionnaire.search.evaluation import evaluate, load_cases

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo_data", stdout=quiet)
    sets = {name: load_cases(RELEVANCE / f"{name}.tsv") for name in ("spelling", "descriptive")}

    def wagtail_default(query):
        return [term.slug for term in Term.objects.live().search(query)[:3]]

    def wagtail_fuzzy(query):
        return [term.slug for term in Term.objects.live().search(Fuzzy(query))[:3]]

    def dictionary(query):
        return [result.slug for result in get_backend().search(query, limit=3).results]

    engines = {"wagtail default": wagtail_default, backend_path().rsplit(".", 1)[-1]: dictionary}
    if connection.vendor == "postgresql":
        engines["wagtail Fuzzy"] = wagtail_fuzzy
    figures = {}
    for engine, function in engines.items():
        for name, cases in sets.items():
            try:
                report = evaluate(function, cases)
                figures[f"{engine} / {name}"] = {"top1": round(report.top1_rate, 3), "top3": round(report.top3_rate, 3)}
            except Exception as error:  # noqa: BLE001 (a failing engine is a figure too)
                figures[f"{engine} / {name}"] = {"error": f"{type(error).__name__}: {error}"[:200]}
    print(json.dumps({"database": connection.vendor, "terms": Term.objects.live().count(), "figures": figures}))


def main():
    if "--leg" in sys.argv:
        run_leg()
        return
    legs = [arg for arg in sys.argv[1:] if arg in ("sqlite", "postgres")] or ["sqlite", "postgres"]
    for leg in legs:
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portail.settings.test", "PORTAIL_VAR_DIR": folder}
            if leg == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            else:
                from search_latency import fresh_postgres

                env["DATABASE_URL"] = os.environ.get("BENCH_RELEVANCE_POSTGRES_URL", DEFAULT_POSTGRES_URL)
                fresh_postgres(env["DATABASE_URL"])
            output = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--leg"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
            )
            if output.returncode:
                print(output.stderr, file=sys.stderr)
                sys.exit(output.returncode)
            print(json.dumps(json.loads(output.stdout.strip().splitlines()[-1]), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
