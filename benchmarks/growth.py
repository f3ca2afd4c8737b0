"""Growth: how search latency, page time and import time grow with the number of terms and structures.

    .venv/bin/python benchmarks/growth.py                                  # 1k/10k terms, 1k/10k structures
    .venv/bin/python benchmarks/growth.py --terms 1000,10000,100000        # 100k terms: long (indexing)
    .venv/bin/python benchmarks/growth.py --database-url postgres://postgres@127.0.0.1:5432/bench_croissance

Runs in a child process on a throwaway database (a temporary SQLite file unless ``--database-url``, which is
dropped and created again). Terms grow in steps: at each size the new terms are inserted in bulk, the whole
dictionary index is rebuilt, then the search function (20 queries, p50/p95), the term page and the A–Z index
(Django's test client, the whole request server side, cache emptied before each) are timed. Structures: a
data·inclusion file of N structures (one service each) is written and imported with ``boussole_import``, then
the annuaire (all, and a search by place and need) is timed. Prints a table, and JSON with ``--json``.
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_latency import QUERIES, fresh_postgres, percentile, synthetic_documents  # noqa: E402


def timings(function, rounds):
    durations = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(durations), 1), round(percentile(durations, 0.95), 1)


def page_time(client, url, rounds=5):
    from django.core.cache import cache

    def get():
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    get()  # first request: imports, per-process caches
    return timings(get, rounds)


def grow_terms(sizes, rounds):
    from django.test import Client
    from django.utils import timezone

    from dictionnaire.models import Term
    from dictionnaire.search.backends import get_backend
    from dictionnaire.search.signals import live_terms, search_document

    backend = get_backend()
    client = Client()
    documents = list(synthetic_documents(max(sizes)))
    rows, done = [], 0
    for size in sizes:
        start = time.perf_counter()
        now = timezone.now()
        Term.objects.bulk_create(
            (
                Term(
                    word=document["term"][:80],
                    slug=document["slug"][:80],
                    variants="; ".join(document["variants"]),
                    synonyms="; ".join(document["synonyms"]),
                    category="internet",
                    short_definition=document["short_definition"],
                    full_definition=f"<p>{document['full_text']}</p>",
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                )
                for document in documents[done:size]
            ),
            batch_size=2000,
        )
        insert_s = time.perf_counter() - start
        done = size
        start = time.perf_counter()
        backend.rebuild(search_document(term) for term in live_terms().iterator(chunk_size=2000))
        index_s = time.perf_counter() - start
        backend.search("warm up")
        search = []
        for _ in range(rounds):
            for query in QUERIES:
                begin = time.perf_counter()
                backend.search(query, limit=10)
                search.append((time.perf_counter() - begin) * 1000)
        slug = documents[size // 2]["slug"][:80]
        rows.append(
            {
                "terms": size,
                "insert_s": round(insert_s, 1),
                "index_s": round(index_s, 1),
                "search_p50_ms": round(statistics.median(search), 1),
                "search_p95_ms": round(percentile(search, 0.95), 1),
                "term_page_ms": page_time(client, f"/dictionnaire/{slug}/"),
                "api_ms": page_time(client, "/api/dictionnaire/recherche/?q=ouifi"),
                "index_page_ms": page_time(client, "/dictionnaire/", rounds=3),
                "load": round(os.getloadavg()[0], 1),
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def data_inclusion_file(count):
    """``count`` structures in the Hauts-de-France with one service each, in the data·inclusion format."""
    from boussole.io.formats import field_names

    communes = [("59350", "Lille", "59000", 50.63, 3.06), ("80021", "Amiens", "80000", 49.89, 2.30)]
    structures, services = [], []
    for number in range(count):
        code, commune, postcode, lat, lon = communes[number % len(communes)]
        structure = dict.fromkeys(field_names("structure"))
        structure.update(
            {
                "source": "croissance",
                "id": f"s{number}",
                "nom": f"Centre social numéro {number}",
                "date_maj": "2026-10-01",
                "description": "Accueil des familles et ateliers numériques.",
                "commune": commune,
                "code_postal": postcode,
                "code_insee": code,
                "longitude": lon + (number % 100) / 1000,
                "latitude": lat + (number // 100 % 100) / 1000,
                "horaires_accueil": "Mo-Fr 09:00-12:00,14:00-18:00; PH off",
            }
        )
        service = dict.fromkeys(field_names("service"))
        service.update(
            {
                "source": "croissance",
                "structure_id": f"s{number}",
                "id": f"svc{number}",
                "nom": "Atelier parents et écrans",
                "description": "Un atelier pour parler des écrans à la maison.",
                "date_maj": "2026-10-02",
                "thematiques": ["famille--soutien-a-la-parentalite-et-a-leducation"],
                "publics": ["familles"],
            }
        )
        structures.append(structure)
        services.append(service)
    return {"structures": structures, "services": services}


def grow_structures(sizes, folder):
    from django.core.management import call_command
    from django.test import Client

    from boussole.models import Service, Structure

    client = Client()
    rows = []
    for size in sizes:
        Service.objects.all().delete()
        Structure.objects.all().delete()
        path = Path(folder) / f"annuaire-{size}.json"
        path.write_text(json.dumps(data_inclusion_file(size)), encoding="utf-8")
        start = time.perf_counter()
        call_command("boussole_import", str(path), stdout=io.StringIO())
        import_s = time.perf_counter() - start
        assert Structure.objects.count() == size
        rows.append(
            {
                "structures": size,
                "import_s": round(import_s, 1),
                "annuaire_ms": page_time(client, "/boussole/annuaire/", rounds=3),
                "annuaire_search_ms": page_time(
                    client, "/boussole/annuaire/?lieu=Amiens&thematique=famille&ouvert=1", rounds=3
                ),
                "load": round(os.getloadavg()[0], 1),
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def run_child(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from portail.demo import ensure_child_page, ensure_home_page

    call_command("migrate", verbosity=0)
    from boussole.models import BoussoleIndexPage
    from dictionnaire.models import DictionaryIndexPage

    home, _created = ensure_home_page()
    ensure_child_page(home, DictionaryIndexPage, "dictionnaire", title="Dictionnaire", introduction="Les mots.")
    ensure_child_page(home, BoussoleIndexPage, "boussole", title="Boussole", introduction="Qui peut aider.")
    result = {
        "database": connection.vendor,
        "terms": grow_terms([int(s) for s in args.terms.split(",") if s], args.rounds),
        "structures": grow_structures([int(s) for s in args.structures.split(",") if s], args.folder),
    }
    print(json.dumps(result))


def print_tables(result):
    print(f"\ndatabase: {result['database']}\n")
    print("| terms | insert s | index rebuild s | search p50 / p95 ms | term page ms | search API ms | A–Z index ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in result["terms"]:
        print(
            f"| {row['terms']:,} | {row['insert_s']} | {row['index_s']} | {row['search_p50_ms']} / "
            f"{row['search_p95_ms']} | {row['term_page_ms'][0]} | {row['api_ms'][0]} | {row['index_page_ms'][0]} |"
        )
    print("\n| structures | import s | annuaire ms | annuaire search (place, need, open now) ms |")
    print("| --- | --- | --- | --- |")
    for row in result["structures"]:
        print(
            f"| {row['structures']:,} | {row['import_s']} | {row['annuaire_ms'][0]} | {row['annuaire_search_ms'][0]} |"
        )
    print("\n(page times: median of the requests, cache emptied before each; load average noted per line on stderr)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", default="1000,10000", help="sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--structures", default="1000,10000", help="sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the 20 search queries")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database to drop and create again")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portail.settings.test", "PORTAIL_VAR_DIR": folder}
        env["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/croissance.sqlite3"
        if args.database_url:
            fresh_postgres(args.database_url)
        command = [
            sys.executable,
            __file__,
            "--child",
            "--terms",
            args.terms,
            "--structures",
            args.structures,
            "--rounds",
            str(args.rounds),
            "--folder",
            folder,
        ]
        output = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout  # noqa: S603
    result = json.loads(output.strip().splitlines()[-1])
    result["seconds"] = round(time.monotonic() - started)
    if args.json:
        print(json.dumps(result, indent=2))
    print_tables(result)
    print(f"whole run: {result['seconds']} s")


if __name__ == "__main__":
    main()
