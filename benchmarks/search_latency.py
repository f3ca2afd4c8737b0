"""Latency of the dictionary search at 10,000 terms, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/search_latency.py              # both databases
    .venv/bin/python benchmarks/search_latency.py --database sqlite --terms 2000

Each database leg runs in its own process on a throwaway database (a temporary SQLite file; the PostgreSQL
database ``bench_recherche`` at ``BENCH_POSTGRES_URL``, dropped and created again). It loads the 70 words of
the shipped vocabulary plus synthetic terms, indexes them with the engine the database selects, then times
the search function and the JSON API (Django's test client: the whole request, server side, no network).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_recherche"

_SYLLABLES_TEXT = """
ba bi bo bu ca ci co da de di do fa fe fi fo ga go la le li lo lu ma me mi mo mu na ne ni
no pa pe pi po ra re ri ro sa se si so ta te ti to tu va ve vi vo cha chi tra tri pla pli cra cro
bra bri gra gro fla flo on an in en ou oi eau ien ion ar er ir or ur al el il ol
"""
SYLLABLES = _SYLLABLES_TEXT.split()
_WORDS_TEXT = """
petit grand appareil écran message téléphone ordinateur internet site page photo vidéo famille enfant
école banque argent carte compte code secret sécurité réseau ami partage application logiciel fichier
document image son musique film jeu lettre courrier adresse recherche bouton clavier souris imprimante
connexion câble batterie chargeur clé mémoire nuage serveur données personnel public privé gratuit payant
danger attention arnaque pirate virus protection mise jour version nouveau ancien rapide lent facile
difficile apprendre aider expliquer montrer envoyer recevoir ouvrir fermer copier coller écrire lire
"""
WORDS = _WORDS_TEXT.split()
QUERIES = [
    "ouifi", "kiou ar code", "smartfone", "pronot", "telecharger", "mots de passe", "courriel", "you tube",
    "navigateur internet", "le truc pour payer sans contact", "faux mail de la banque qui demande mon code",
    "appeler ses petits-enfants en vidéo", "tablète", "cloud", "hameconnage", "blutouss", "imprimante",
    "bariloma", "ordi", "le petit carré noir et blanc à scanner",
]  # fmt: skip


def synthetic_documents(count, seed=7):
    rng = random.Random(seed)
    seen = set()
    while len(seen) < count:
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 2))]
        term = " ".join(words).capitalize()
        slug = "-".join(words)
        if slug in seen:
            continue
        seen.add(slug)
        definition = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
        yield {
            "term": term,
            "slug": slug,
            "url": f"/dictionnaire/{slug}/",
            "variants": [term.lower() + "s"] if rng.random() < 0.5 else [],
            "synonyms": [rng.choice(WORDS)] if rng.random() < 0.3 else [],
            "short_definition": definition[:140],
            "full_text": definition,
            "category": "internet",
        }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(function, rounds, database_cpu=None):
    """Wall-clock and CPU time (of this thread: what the machine's other work does not inflate) per query, and the
    CPU time of the PostgreSQL backend serving this connection when it runs on this machine (``database_cpu``)."""
    durations, cpu, server = [], [], []
    for _ in range(rounds):
        for query in QUERIES:
            start_server = database_cpu() if database_cpu else 0
            start, start_cpu = time.perf_counter(), time.thread_time()
            function(query)
            durations.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            if database_cpu:
                server.append((database_cpu() - start_server) / 1e6)
    result = {
        "p50_ms": round(statistics.median(durations), 2),
        "p95_ms": round(percentile(durations, 0.95), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 2),
    }
    if server:
        both = [a + b for a, b in zip(cpu, server, strict=True)]
        result |= {
            "db_cpu_p50_ms": round(statistics.median(server), 2),
            "db_cpu_p95_ms": round(percentile(server, 0.95), 2),
            "cpu_with_db_p95_ms": round(percentile(both, 0.95), 2),
        }
    return result


def backend_cpu(connection):
    """Nanoseconds of CPU used so far by the PostgreSQL process of ``connection`` (Linux, local server), or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    if not stat.exists():
        return None
    return lambda: int(stat.read_text().split()[0])


def run_leg(terms, rounds):
    """Inside the child process: DATABASE_URL points at the throwaway database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from dictionnaire.search.backends import backend_path, get_backend
    from dictionnaire.search.evaluation import vocabulary_documents

    call_command("migrate", verbosity=0)
    backend = get_backend()
    documents = list(vocabulary_documents())
    documents += list(synthetic_documents(terms - len(documents)))
    indexing = None
    if os.environ.get("BENCH_REUSE") != "1":
        start = time.perf_counter()
        backend.rebuild(documents)
        indexing = round(time.perf_counter() - start, 1)
    database_cpu = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics after the bulk load, as autovacuum would
        database_cpu = backend_cpu(connection)
    backend.search("warm up")  # loads the embedded engine's memory index once
    client = Client()
    result = {
        "database": connection.vendor,
        "engine": backend_path().rsplit(".", 1)[-1],
        "terms": len(documents),
        "indexing_s": indexing,
        "search_function": timed(lambda query: backend.search(query, limit=10), rounds, database_cpu),
        "api_endpoint": timed(
            lambda query: client.get("/api/dictionnaire/recherche/", {"q": query, "limit": 10}), rounds, database_cpu
        ),
        "queries": len(QUERIES) * rounds,
        "load_average": os.getloadavg(),
        "slowest": slowest(backend, rounds),
        "found": {query: [r.slug for r in backend.search(query, 3).results] for query in QUERIES[:6]},
    }
    print(json.dumps(result))


def slowest(backend, rounds):
    """The three queries with the highest median time of the search function: where the p95 comes from."""
    times = {query: [] for query in QUERIES}
    for _ in range(max(1, rounds // 2)):
        for query in QUERIES:
            start = time.perf_counter()
            backend.search(query, limit=10)
            times[query].append((time.perf_counter() - start) * 1000)
    medians = sorted(((round(statistics.median(values), 2), query) for query, values in times.items()), reverse=True)
    return {query: value for value, query in medians[:3]}


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
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--leg", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: time the database already loaded")
    args = parser.parse_args()
    if args.leg:
        run_leg(args.terms, args.rounds)
        return
    legs = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    for leg in legs:
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portail.settings.test", "PORTAIL_VAR_DIR": folder}
            if leg == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            else:
                env["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
                if args.reuse:
                    env["BENCH_REUSE"] = "1"
                else:
                    fresh_postgres(env["DATABASE_URL"])
            command = [sys.executable, __file__, "--leg", "--terms", str(args.terms), "--rounds", str(args.rounds)]
            output = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
            if output.returncode:
                print(output.stderr, file=sys.stderr)
                sys.exit(output.returncode)
            print(json.dumps(json.loads(output.stdout.strip().splitlines()[-1]), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
