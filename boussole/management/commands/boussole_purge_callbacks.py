from django.core.management.base import BaseCommand

from boussole.callbacks import purge_closed_callbacks


class Command(BaseCommand):
    help = (
        "Efface le numéro de téléphone, le prénom et le message des demandes de rappel clôturées depuis plus de "
        "30 jours. À lancer chaque jour."
    )

    def handle(self, *args, **options):
        count = purge_closed_callbacks()
        self.stdout.write(f"{count} demande(s) de rappel effacée(s).")
