"""One process for development and small servers: the queued tasks (django-tasks-db's ``db_worker``) and, every
minute, the due periodic jobs. On a bigger server run ``db_worker`` as a service and ``run_periodic_jobs`` from cron
or a systemd timer instead (deploy/)."""

import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from pilotage.jobs import run_due_jobs


class Command(BaseCommand):
    help = "Exécute les tâches en file d'attente (e-mails…) et, chaque minute, les tâches périodiques dues."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=2.0, help="Secondes entre deux passages.")
        parser.add_argument("--once", action="store_true", help="Un seul passage puis s'arrêter.")

    def handle(self, *args, interval=2.0, once=False, **options):
        last_jobs = 0.0
        self.stdout.write("Travailleur lancé : tâches en attente et tâches périodiques (Ctrl+C pour arrêter).")
        try:
            while True:
                if time.monotonic() - last_jobs >= 60 or once:
                    for name, outcome, message in run_due_jobs():
                        self.stdout.write(f"{name}: {outcome} {message}".rstrip())
                    last_jobs = time.monotonic()
                call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
                # db_worker catches SIGINT/SIGTERM while it runs; between passes they stop this loop.
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                if once:
                    return
                if not connection.in_atomic_block:
                    close_old_connections()  # a long-running process: drop connections gone bad or too old
                time.sleep(interval)
        except KeyboardInterrupt:
            return
