import time
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from portail.demo import ensure_home_page

#: Apps whose ``demo.load(home, report)`` fills their part of the site, in this order.
DEMO_APPS = ["dictionnaire", "fiches", "boussole", "portail.accounts"]


class Command(BaseCommand):
    help = "Charge les données de démonstration (pages, contenus, comptes de démo). Sans effet si elles sont déjà là."

    def handle(self, *args, **options):
        started = time.monotonic()
        # The demo content is French: labels are looked up in French whatever language the caller left active.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            home, created = ensure_home_page()
            self.report(home, created)
            for app in DEMO_APPS:
                import_module(f"{app}.demo").load(home, self.report)
        if settings.DEMO_CREATE_ADMIN:
            self.ensure_admin()
        self.stdout.write(self.style.SUCCESS(f"Données de démonstration prêtes en {time.monotonic() - started:.1f} s."))

    def report(self, obj, created):
        state = "créé" if created else "déjà là"
        self.stdout.write(f"  {obj._meta.verbose_name} « {obj} » : {state}")

    def ensure_admin(self):
        from portail.demo_accounts import ensure_demo_user

        ensure_demo_user("admin", "administrateur du site (tous les droits)", superuser=True)
