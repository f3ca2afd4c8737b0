from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fiches import booklet
from fiches.importer import CREATED, SKIPPED, UNCHANGED, UPDATED, import_booklet
from fiches.models import ExperienceIndexPage


class Command(BaseCommand):
    help = (
        "Importe les fiches du livret 2019 (fiches/data/fiches-2019.json) sous la page des fiches. "
        "Relancer l'import ne change rien ; les fiches modifiées dans l'administration ne sont pas écrasées "
        "sans --force. Un fichier mal formé est refusé sans rien changer."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(booklet.DATA_FILE), help=_("fichier JSON à importer"))
        parser.add_argument(
            "--force", action="store_true", help=_("remplace aussi les fiches modifiées dans l'administration")
        )

    def handle(self, *args, path, force, **options):
        try:
            fiches = booklet.load(path)
        except booklet.BookletError as exc:
            raise CommandError(_("Fichier refusé, rien n'a été changé. %(error)s") % {"error": exc}) from exc
        index = ExperienceIndexPage.objects.first()
        if index is None:
            raise CommandError(_("Il n'y a pas de page « Fiches d'expériences » : lancez d'abord load_demo_data."))
        report = import_booklet(index, fiches, force=force)
        labels = {
            CREATED: _("créées"),
            UPDATED: _("mises à jour"),
            UNCHANGED: _("inchangées"),
            SKIPPED: _("laissées telles quelles (modifiées dans l'administration, --force pour les remplacer)"),
        }
        for action, label in labels.items():
            fiches_done = report.actions[action]
            if fiches_done:
                numbers = ", ".join(str(fiche.number) for fiche in fiches_done)
                self.stdout.write(f"  {len(fiches_done)} {label} : n° {numbers}")
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Import terminé : %(created)s créées, %(updated)s mises à jour, %(unchanged)s inchangées, "
                    "%(skipped)s laissées telles quelles."
                )
                % {key: report.count(key) for key in (CREATED, UPDATED, UNCHANGED, SKIPPED)}
            )
        )
