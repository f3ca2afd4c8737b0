"""Freshness of structure sheets: reminders to the structure's contact and one-click confirmation."""

from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boussole.models import FRESHNESS_ADVISED, Structure

SALT = "boussole.freshness"
#: A confirmation link works for this long after the reminder.
TOKEN_MAX_AGE = 60 * 60 * 24 * 60
#: No new reminder to the same structure within this time.
REMINDER_INTERVAL_DAYS = 30


def confirmation_token(structure):
    return signing.dumps({"structure": structure.pk, "verified": structure.verified_at.isoformat()}, salt=SALT)


def structure_for_token(token):
    """The structure a confirmation link was made for, or ``None`` if it is forged, expired or already used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    structure = Structure.objects.filter(pk=data.get("structure")).first()
    if structure is None or structure.verified_at.isoformat() != data.get("verified"):
        return None
    return structure


def confirm(structure, today=None):
    structure.verified_at = today or date.today()
    structure.reminder_sent_at = None
    Structure.objects.filter(pk=structure.pk).update(verified_at=structure.verified_at, reminder_sent_at=None)


def structures_to_remind(today=None):
    today = today or date.today()
    recent = timezone.now() - timezone.timedelta(days=REMINDER_INTERVAL_DAYS)
    return (
        Structure.objects.filter(live=True, verified_at__lt=today - FRESHNESS_ADVISED)
        .exclude(courriel__isnull=True)
        .exclude(courriel="")
        .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=recent))
    )


def send_reminder(structure, today=None):
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "boussole:confirm", kwargs={"slug": structure.slug, "token": confirmation_token(structure)}
    )
    required = structure.freshness(today) == "required"
    subject = _("Votre fiche « %(name)s » est-elle toujours à jour ?") % {"name": structure.nom}
    body = _(
        "Bonjour,\n\nLa fiche de « %(name)s » sur la boussole parentale a été vérifiée pour la dernière "
        "fois le %(date)s.\n\n"
    ) % {"name": structure.nom, "date": structure.verified_at.strftime("%d/%m/%Y")}
    if required:
        body += _("Elle n'apparaît plus dans les résultats publics tant qu'elle n'est pas confirmée.\n\n")
    else:
        body += _("Sans confirmation, elle quittera les résultats publics un an après sa dernière vérification.\n\n")
    body += _(
        "Si tout est juste, un clic suffit pour confirmer :\n%(link)s\n\n"
        "Si quelque chose a changé, répondez à ce message ou utilisez « Signaler une erreur » sur la fiche.\n"
    ) % {"link": link}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [structure.courriel])
    structure.reminder_sent_at = timezone.now()
    Structure.objects.filter(pk=structure.pk).update(reminder_sent_at=structure.reminder_sent_at)
