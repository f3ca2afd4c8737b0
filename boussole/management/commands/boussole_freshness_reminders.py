from django.core.management.base import BaseCommand

from boussole.freshness import send_reminder, structures_to_remind


class Command(BaseCommand):
    help = (
        "Envoie un rappel aux structures dont la fiche n'a pas été vérifiée depuis 6 mois "
        "(au plus un rappel par mois). À lancer chaque jour."
    )

    def handle(self, *args, **options):
        count = 0
        for structure in structures_to_remind():
            send_reminder(structure)
            count += 1
        self.stdout.write(f"{count} rappel(s) envoyé(s).")
