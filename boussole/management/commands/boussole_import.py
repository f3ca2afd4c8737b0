from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boussole.io.formats import FileFormatError
from boussole.io.importer import import_file


class Command(BaseCommand):
    help = (
        "Importe des structures et services (JSON data·inclusion ou CSV). Mise à jour par source + id. "
        "Tout ou rien : si une ligne est refusée, rien n'est modifié."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier .json (data·inclusion) ou .csv")
        parser.add_argument("--dry-run", action="store_true", help="vérifier sans rien enregistrer")

    def handle(self, *args, path, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            report = import_file(file.name, file.read_bytes(), dry_run=dry_run, progress=self.progress)
        except FileFormatError as exc:
            raise CommandError(str(exc)) from exc
        for row in report.rejected:
            self.stderr.write(f"  refusée : {row}")
        self.stdout.write(report.summary())
        if report.rejected:
            raise CommandError("Import refusé : corrigez les lignes ci-dessus. Rien n'a été modifié.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Essai à blanc : rien n'a été enregistré."))
        else:
            self.stdout.write(self.style.SUCCESS("Import terminé."))

    def progress(self, done, total):
        """Called after each batch of rows written (500 by default)."""
        self.stdout.write(f"  {done}/{total} enregistrements écrits")
