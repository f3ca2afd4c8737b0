from django.core.management.base import BaseCommand

from pilotage.jobs import registered_jobs, run_due_jobs


class Command(BaseCommand):
    help = (
        "Lance une fois les tâches périodiques qui sont dues (expiration des mots pris, rappels, chiffres du jour, "
        "résumé aux modérateurs…). Sans effet si rien n'est dû : à lancer chaque minute (cron ou timer systemd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("jobs", nargs="*", help="Seulement ces tâches (par leur nom).")
        parser.add_argument("--force", action="store_true", help="Lancer même si elles ne sont pas dues.")
        parser.add_argument("--list", action="store_true", help="Lister les tâches et leur fréquence.")

    def handle(self, *args, jobs=(), force=False, list=False, **options):  # noqa: A002
        known = registered_jobs()
        if list:
            for name, job in known.items():
                self.stdout.write(f"{name}: {job.describe_schedule()} — {job.label}")
            return
        unknown = sorted(set(jobs) - set(known))
        if unknown:
            self.stderr.write(f"Tâche(s) inconnue(s) : {', '.join(unknown)}")
        failed = 0
        for name, outcome, message in run_due_jobs(only=set(jobs) or None, force=force):
            failed += outcome == "failure"
            self.stdout.write(f"{name}: {outcome} {message}".rstrip())
        if failed:
            self.stderr.write(f"{failed} tâche(s) en échec (voir l'admin, Rapports → Tâches périodiques).")
