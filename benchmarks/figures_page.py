"""Benchmark of /admin/dictionnaire/chiffres/: a year of daily figures over 200 structures.

    .venv/bin/python benchmarks/figures_page.py                     # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_chiffres .venv/bin/python benchmarks/figures_page.py

Migrates a throwaway database, writes 365 days × (200 structures + the site) × 9 measures of daily counts, then
times the page (HTML and CSV, Django's test client, the whole request server side) and counts its queries.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    workdir = tempfile.mkdtemp(prefix="bench-chiffres-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portail.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dictionnaire.models import Structure
    from pilotage.figures import METRICS
    from pilotage.models import DailyCount

    call_command("migrate", verbosity=0)
    Structure.objects.bulk_create(Structure(name=f"Centre {n:03d}", city="Lille") for n in range(200))
    ids = list(Structure.objects.values_list("pk", flat=True))
    start = date(2025, 1, 1)
    rows = []
    for offset in range(365):
        day = start + timedelta(days=offset)
        for metric in METRICS:
            rows.append(DailyCount(day=day, metric=metric, value=offset % 7 + 1))
            rows += [DailyCount(day=day, metric=metric, structure_id=pk, value=1) for pk in ids]
    DailyCount.objects.bulk_create(rows, batch_size=5000)
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "x" * 16)
    client = Client()
    client.force_login(admin)
    url = "/admin/dictionnaire/chiffres/?du=2025-01-01&au=2025-12-31"
    for label, address in (("HTML", url), ("CSV", url + "&format=csv")):
        client.get(address)
        times = []
        for _run in range(5):
            began = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(address)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        print(f"{label}: {len(rows)} daily rows, median {statistics.median(times):.0f} ms, {len(queries)} queries")


if __name__ == "__main__":
    main()
