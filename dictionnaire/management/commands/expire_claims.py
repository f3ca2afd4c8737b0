from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from dictionnaire import notifications
from dictionnaire.models import WordRequest

WARNING_BEFORE = timedelta(days=5)


class Command(BaseCommand):
    help = (
        "Prévient les classes dont un mot pris attend un brouillon depuis bientôt 30 jours, "
        "puis rend aux autres classes les mots pris depuis 30 jours sans brouillon. À lancer chaque jour."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        warned = 0
        waiting = WordRequest.objects.filter(
            status=WordRequest.Status.CLAIMED, term__isnull=True, expiry_warning_sent=False
        ).select_related("claimed_by__adult")
        for word_request in waiting:
            expires = word_request.claim_expires_at
            if expires and now < expires <= now + WARNING_BEFORE:
                notifications.tell_claim_expiring(word_request)
                word_request.expiry_warning_sent = True
                word_request.save(update_fields=["expiry_warning_sent"])
                warned += 1
        released = WordRequest.expire_claims(now=now)
        self.stdout.write(f"{warned} classe(s) prévenue(s), {released} mot(s) rendu(s).")
