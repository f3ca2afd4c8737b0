"""python manage.py portail_restore ARCHIVE.tar.gz [--force] — back to the content of a backup."""

import io
import tarfile

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portail.backup import BackupError, check_archive, database_has_content, restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par portail_backup dans une base migrée (python manage.py migrate). "
        "Refuse une base qui a déjà du contenu, sauf avec --force (qui la remplace entièrement)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="archive .tar.gz écrite par portail_backup")
        parser.add_argument("--force", action="store_true", help="remplacer le contenu de la base actuelle")
        parser.add_argument("--skip-index", action="store_true", help="ne pas reconstruire les index de recherche")

    def handle(self, archive, force=False, skip_index=False, **options):
        try:
            check_archive(archive)
        except (BackupError, FileNotFoundError, tarfile.TarError) as exc:
            raise CommandError(str(exc)) from exc
        if database_has_content() and not force:
            raise CommandError(
                "La base de données contient déjà des données (comptes, pages ou fichiers). "
                "Restaurez dans une base vide, ou ajoutez --force pour tout remplacer par la sauvegarde."
            )
        try:
            manifest = restore_backup(archive)
        except (BackupError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        if not skip_index:
            quiet = io.StringIO()
            call_command("update_index", stdout=quiet)
            call_command("rebuild_dictionary_index", stdout=quiet)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde du {manifest['created']} restaurée ({sum(manifest['counts'].values())} lignes)."
            )
        )
