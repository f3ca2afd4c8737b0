from django.core.management.base import BaseCommand

from portail.demo_accounts import summary


class Command(BaseCommand):
    help = "Affiche l'adresse du site et les comptes de démonstration (rôle et mot de passe), en un court bloc."

    def add_arguments(self, parser):
        parser.add_argument("--address", default="http://127.0.0.1:8000/")

    def handle(self, *args, address, **options):
        self.stdout.write(summary(address))
