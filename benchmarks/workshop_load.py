"""One workshop under load: 25 pupils join, claim a word each and save their draft every 30 s, against gunicorn.

    .venv/bin/python benchmarks/workshop_load.py                         # 25 pupils, 10 minutes
    .venv/bin/python benchmarks/workshop_load.py --duration 150          # a shortened run
    .venv/bin/python benchmarks/workshop_load.py --pupils 25 --interval 30 --workers 3

A plain threaded client (requests, one session per pupil, as many browsers on one school address). It recreates
the PostgreSQL database ``bench_atelier`` (``BENCH_WORKSHOP_POSTGRES_URL``), migrates it, creates a class with an
open workshop and one wanted word per pupil, starts gunicorn (``gunicorn.conf.py``, Redis for the cache as in
production, ``benchmarks/bench_settings.py``: plain HTTP, rate limits off), then each pupil arrives within the first
30 s, joins with the code and a one-word nickname, claims a word, writes its first draft, and every ``--interval``
seconds opens the draft and saves a new version of it (with its base revision, as the form does). At the end every
pupil's last saved version is read back from the database: a draft is lost when it is not the latest revision.
Prints the count, p50/p95/max of each kind of request, errors, and lost drafts. Issue 17 asks: no error, no lost
draft, p95 of a save under 300 ms.
"""

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import load_test  # noqa: E402  (its database, environment and gunicorn helpers)

POSTGRES_URL = os.environ.get("BENCH_WORKSHOP_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench_atelier")

SETUP = """
import json
from django.contrib.auth import get_user_model
from dictionnaire.models import Classroom, Structure, WordRequest, Workshop
adult = get_user_model().objects.create_user("bench-maitresse", "bench@example.org", "un-mot-de-passe-long")
classroom = Classroom.objects.create(pseudonym="CM2 Banc d'essai", level="CM2",
                                     structure=Structure.objects.create(name="École du banc d'essai"), adult=adult)
workshop = Workshop.open(classroom, adult)
words = [WordRequest.ask(f"Motbanc {chr(65 + i // 26)}{chr(65 + i % 26)}").request for i in range(PUPILS)]
print(json.dumps({"code": workshop.code, "requests": [[r.pk, r.word] for r in words]}))
"""

CHECK = """
import json
from dictionnaire.models import Term
print(json.dumps({t.word: t.get_latest_revision_as_object().short_definition for t in Term.objects.all()}))
"""

NICKNAMES = [
    "Abricot", "Banane", "Cerise", "Datte", "Figue", "Goyave", "Kiwi", "Litchi", "Mangue", "Melon", "Myrtille",
    "Noisette", "Olive", "Papaye", "Pomme", "Prune", "Raisin", "Citron", "Fraise", "Orange", "Poire", "Pamplemousse",
    "Framboise", "Groseille", "Mandarine", "Clementine", "Pistache", "Amande", "Coco", "Nectarine",
]  # fmt: skip

REFUSED = "claims refused (limit of 5), taken again later"
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|base_revision)" value="([^"]*)"')


class Pupil(threading.Thread):
    def __init__(self, number, host, code, word_request, interval, stop_at, results):
        super().__init__(daemon=True)
        self.number, self.host, self.code = number, host, code
        self.request_pk, self.word = word_request
        self.interval, self.stop_at, self.results = interval, stop_at, results
        self.nickname = NICKNAMES[number % len(NICKNAMES)]
        self.last_saved = None

    def timed(self, kind, method, path, expected, **kwargs):
        import requests

        start = time.perf_counter()
        try:
            response = self.session.request(method, self.host + path, allow_redirects=False, timeout=30, **kwargs)
        except requests.RequestException as error:
            self.results["errors"].append((kind, repr(error)))
            return None
        self.results[kind].append((time.perf_counter() - start) * 1000)
        if response.status_code != expected:
            self.results["errors"].append((kind, response.status_code))
            return None
        return response

    def form(self, kind, path):
        response = self.timed(kind, "GET", path, 200)
        return dict(HIDDEN.findall(response.text)) if response is not None else None

    def draft(self, version):
        text = f"Le mot {self.word}, version {version} de l'élève {self.number}. Une phrase simple à lire."
        return {"word": self.word, "category": "internet", "short_definition": text, "usages": "On le dit souvent."}

    def run(self):
        import requests

        self.session = requests.Session()
        time.sleep(random.uniform(0, 30))  # a class arrives over half a minute  # noqa: S311
        hidden = self.form("join page", "/dictionnaire/atelier/")
        join = {"code": self.code, "nickname": self.nickname, **(hidden or {})}
        if hidden is None or self.timed("join", "POST", "/dictionnaire/atelier/", 302, data=join) is None:
            return
        self.timed("workshop page", "GET", "/dictionnaire/atelier/", 200)
        path = f"/dictionnaire/atelier/ecrire/{self.request_pk}/"
        hidden = None
        for _attempt in range(30):
            # A class holds at most 5 claimed words without a draft: a refused claim is taken again a bit later.
            token = {"csrfmiddlewaretoken": self.session.cookies.get("csrftoken")}
            claim = f"/dictionnaire/atelier/prendre/{self.request_pk}/"
            if self.timed("claim", "POST", claim, 302, data=token) is None:
                return
            response = self.session.get(self.host + path, allow_redirects=False, timeout=30)
            if response.status_code == 200:
                hidden = dict(HIDDEN.findall(response.text))
                break
            self.results[REFUSED].append(0)
            time.sleep(random.uniform(2, 6))  # noqa: S311
        if hidden is None or self.timed("first save", "POST", path, 302, data={**self.draft(1), **hidden}) is None:
            return
        self.last_saved = self.draft(1)["short_definition"]
        page = self.timed("workshop page", "GET", "/dictionnaire/atelier/", 200)
        found = re.search(rf"<td>{re.escape(self.word)}.*?/atelier/modifier/(\d+)/", page.text if page else "", re.S)
        if found is None:
            self.results["errors"].append(("find draft", "not on the workshop page"))
            return
        edit = f"/dictionnaire/atelier/modifier/{found.group(1)}/"
        version = 1
        while time.monotonic() + self.interval < self.stop_at:
            time.sleep(self.interval)
            version += 1
            hidden = self.form("draft form", edit)
            if hidden is not None and self.timed("save", "POST", edit, 302, data={**self.draft(version), **hidden}):
                self.last_saved = self.draft(version)["short_definition"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pupils", type=int, default=25)
    parser.add_argument("--duration", type=int, default=600, help="seconds (default 600)")
    parser.add_argument("--interval", type=int, default=30, help="seconds between two saves of a pupil (default 30)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--port", type=int, default=8124)
    args = parser.parse_args()

    load_test.POSTGRES_URL = POSTGRES_URL
    prefix = f"atelier{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="atelier-"))
    env = load_test.environment(work / "static", prefix)
    print(f"creating {POSTGRES_URL}…", flush=True)
    load_test.recreate_database(POSTGRES_URL)
    load_test.manage(env, "migrate", "--noinput", "-v0")
    load_test.manage(env, "collectstatic", "--noinput", "-v0")
    setup = SETUP.replace("PUPILS", str(args.pupils))
    data = json.loads(load_test.manage(env, "shell", "-c", setup, capture=True).strip().splitlines()[-1])

    host = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portail.wsgi", "-c", str(ROOT / "gunicorn.conf.py")],
        env={**env, "GUNICORN_WORKERS": str(args.workers), "GUNICORN_BIND": f"127.0.0.1:{args.port}"},
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115
    )
    results = defaultdict(list)
    try:
        load_test.wait_until_up(f"{host}/dictionnaire/atelier/")
        stop_at = time.monotonic() + args.duration
        pupils = [
            Pupil(number, host, data["code"], data["requests"][number], args.interval, stop_at, results)
            for number in range(args.pupils)
        ]
        for pupil in pupils:
            pupil.start()
        for pupil in pupils:
            pupil.join(timeout=max(1, stop_at - time.monotonic()) + 60)
        saved = json.loads(load_test.manage(env, "shell", "-c", CHECK, capture=True).strip().splitlines()[-1])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        load_test.forget_redis_keys(prefix)

    lost = [p.nickname for p in pupils if p.last_saved and saved.get(p.word) != p.last_saved]
    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — {os.cpu_count()} CPU, gunicorn {args.workers} "
        f"workers, {args.pupils} pupils, a save every {args.interval} s for {args.duration} s"
    )
    print()
    print("| request | count | p50 ms | p95 ms | max ms |")
    print("| --- | --- | --- | --- | --- |")
    for kind in ["join page", "join", "workshop page", "claim", "draft form", "first save", "save"]:
        values = results.get(kind, [])
        if values:
            print(
                f"| {kind} | {len(values)} | {statistics.median(values):.0f} | {percentile(values, 0.95):.0f} "
                f"| {max(values):.0f} |"
            )
    print()
    print(f"claims refused by the limit, taken again later: {len(results[REFUSED])}")
    print(f"errors: {len(results['errors'])} {results['errors'][:10]}")
    print(f"pupils who saved: {sum(1 for p in pupils if p.last_saved)}/{args.pupils}; lost drafts: {len(lost)} {lost}")
    print(f"gunicorn log: {work / 'gunicorn.log'}")


if __name__ == "__main__":
    main()
