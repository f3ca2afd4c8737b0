"""Load test: gunicorn + PostgreSQL + Redis on 127.0.0.1, driven by locust, in one command.

    .venv/bin/python benchmarks/load_test.py                    # fresh database, demo data, both phases
    .venv/bin/python benchmarks/load_test.py --reuse --duration 20 --users 30 --workers 3

It (re)creates the PostgreSQL database ``bench_charge`` (``BENCH_LOAD_POSTGRES_URL``), migrates it and loads the
demo data with the production settings (``benchmarks/bench_settings.py``: plain HTTP, rate limits off), collects
the static files, starts gunicorn with ``gunicorn.conf.py`` and ``REDIS_URL`` (``BENCH_REDIS_URL``, its keys under a
prefix of their own, deleted at the end), then runs locust headless twice, each bounded in time and in number of
requests: term pages only, then the mixed visit of ``locustfile.py``. It stops everything it started and prints
requests/s, p50/p95/p99 and errors per kind of request. Needs the ``bench`` extra (locust).
"""

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
POSTGRES_URL = os.environ.get("BENCH_LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench_charge")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def recreate_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def environment(static_root, prefix):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
        "DATABASE_URL": POSTGRES_URL,
        "CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(Path(static_root).parent / "media"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args, capture=False):
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    result = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=capture, text=True)  # noqa: S603
    return result.stdout if capture else None


SAMPLE = """
import json
from dictionnaire.models import Term
from fiches.models import ExperiencePage
terms = list(Term.objects.filter(live=True).values_list("slug", flat=True))
fiches = [page.url for page in ExperiencePage.objects.live()[:30]]
print(json.dumps({"terms": terms, "fiches": fiches}))
"""


def wait_until_up(url, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  (127.0.0.1 only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def run_locust(user_class, host, users, duration, max_requests, env, out):
    prefix = Path(out) / user_class
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(BENCH / "locustfile.py"),
        user_class,
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{duration}s",
        "--stop-timeout",
        "5",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {**env, "BENCH_MAX_REQUESTS": str(max_requests)}
    subprocess.run(command, env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)  # noqa: S603
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def server_cpu_seconds(pid):
    """CPU time of gunicorn: its master, its live workers, and the workers it has recycled (``cutime``/``cstime``).

    Read from ``/proc``: unlike requests/s, the CPU a request costs does not depend on what else the machine runs.
    """
    ticks = os.sysconf("SC_CLK_TCK")

    def fields(process):
        with open(f"/proc/{process}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()

    master = fields(pid)
    total = sum(int(value) for value in master[11:15])  # utime, stime, cutime, cstime
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for child in children:
        try:
            total += sum(int(value) for value in fields(child)[11:13])
        except FileNotFoundError:  # recycled meanwhile: counted in the master's cutime/cstime
            continue
    return total / ticks


def table(phase, rows, cpu_seconds=None):
    lines = []
    for row in rows:
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        cpu = ""
        if cpu_seconds is not None and row["Name"] == "Aggregated" and int(row["Request Count"]):
            cpu = f"{cpu_seconds * 1000 / int(row['Request Count']):.2f}"
        lines.append(
            f"| {phase} | {name} | {row['Request Count']} | {float(row['Requests/s']):.0f} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {row['Failure Count']} | {cpu} |"
        )
    return lines


def forget_redis_keys(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database of a previous run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (default 1: sync worker)")
    parser.add_argument("--users", type=int, default=20, help="simultaneous locust users (default 20)")
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase (default 30)")
    parser.add_argument("--max-requests", type=int, default=30_000, help="requests per phase at most")
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()

    prefix = f"bench{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="charge-"))
    env = environment(work / "static", prefix)
    started = time.monotonic()
    if not args.reuse:
        print(f"creating {POSTGRES_URL} and loading the demo data…", flush=True)
        recreate_database(POSTGRES_URL)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data", capture=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    sample = json.loads(manage(env, "shell", "-c", SAMPLE, capture=True).strip().splitlines()[-1])
    env["BENCH_TERMS"] = ",".join(sample["terms"])
    env["BENCH_FICHES"] = ",".join(sample["fiches"])
    print(f"ready in {time.monotonic() - started:.0f} s: {len(sample['terms'])} terms, {len(sample['fiches'])} fiches")

    host = f"http://127.0.0.1:{args.port}"
    gunicorn_env = {
        **env,
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
    }
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portail.wsgi", "-c", str(ROOT / "gunicorn.conf.py")],
        env=gunicorn_env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        wait_until_up(f"{host}/dictionnaire/")
        load_before = os.getloadavg()[0]
        cpu_start = server_cpu_seconds(server.pid)
        terms = run_locust("TermReader", host, args.users, args.duration, args.max_requests, env, work)
        cpu_middle = server_cpu_seconds(server.pid)
        mixed = run_locust("Visitor", host, args.users, args.duration, args.max_requests, env, work)
        cpu_end = server_cpu_seconds(server.pid)
        load_after = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        forget_redis_keys(prefix)

    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),  # noqa: SIM115
        platform.processor(),
    )
    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — {os.cpu_count()} CPU ({cpu}), Python "
        f"{platform.python_version()}, gunicorn {args.workers} workers × {args.threads} threads, {args.users} users, "
        f"{args.duration} s per "
        f"phase; load average {load_before:.1f} before, {load_after:.1f} after"
    )
    print()
    print("| phase | request | count | req/s | p50 ms | p95 ms | p99 ms | errors | gunicorn CPU ms/request |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for line in table("term pages only", terms, cpu_middle - cpu_start) + table("mixed", mixed, cpu_end - cpu_middle):
        print(line)
    print(f"\nlocust CSV and gunicorn log: {work}")


if __name__ == "__main__":
    main()
