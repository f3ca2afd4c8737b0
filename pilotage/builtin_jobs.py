"""The site's periodic jobs (see pilotage/jobs.py). Existing commands are reused as they are."""

from datetime import time, timedelta
from io import StringIO

from django.core.management import call_command

from pilotage import moderation
from pilotage.jobs import register_job


def _command(name):
    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue().strip()


@register_job("expire_claims", every=timedelta(hours=1), label="Mots pris : prévenir puis rendre après 30 jours")
def expire_claims(now):
    return _command("expire_claims")


@register_job("boussole_freshness_reminders", at=time(9, 0), label="Boussole : rappels de mise à jour des fiches")
def freshness_reminders(now):
    return _command("boussole_freshness_reminders")


@register_job("daily_figures", at=time(1, 0), label="Chiffres du jour")
def daily_figures(now):
    from pilotage.figures import record_days

    return record_days(now)


@register_job("moderation_digest", at=time(8, 0), label="Résumé quotidien aux modérateurs")
def moderation_digest(now):
    return moderation.send_digest(now)


@register_job("moderation_reminders", every=timedelta(hours=1), label="Relectures en attente depuis 3 jours : rappel")
def moderation_reminders(now):
    return moderation.send_reminders(now)


@register_job("backup", at=time(3, 0), label="Sauvegarde quotidienne (7 jours, 4 semaines)")
def backup(now):
    from pilotage.backups import daily_backup

    return daily_backup(now)


@register_job("boussole_purge_callbacks", at=time(2, 0), label="Rappels : effacer les numéros 30 jours après")
def purge_callbacks(now):
    from boussole.callbacks import purge_closed_callbacks

    return f"{purge_closed_callbacks(now)} demande(s) effacée(s)"
