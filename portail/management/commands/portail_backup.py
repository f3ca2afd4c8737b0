"""python manage.py portail_backup ARCHIVE.tar.gz — the database and the media files in one archive."""

from django.core.management.base import BaseCommand

from portail.backup import create_backup


class Command(BaseCommand):
    help = "Sauvegarde la base de données (toutes les données) et les fichiers envoyés dans une archive .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="fichier .tar.gz à écrire")

    def handle(self, archive, **options):
        manifest = create_backup(archive)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite dans {archive} : {rows} lignes, {len(manifest['media_files'])} fichiers."
            )
        )
