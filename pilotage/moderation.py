"""Moderation health: what waits, for how long, how fast decisions come; the moderators' digest and reminders."""

import statistics
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import TaskState

from pilotage.models import ModerationReminder

REMIND_AFTER = timedelta(days=3)
DECISIONS_OVER = timedelta(days=30)


def moderation_health(now):
    """``{"waiting", "oldest_age", "median_decision"}``: timedeltas or None. Three queries."""
    waiting = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    count = waiting.count()
    oldest = waiting.order_by("started_at").values_list("started_at", flat=True).first()
    decided = TaskState.objects.filter(
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        finished_at__gte=now - DECISIONS_OVER,
        finished_at__isnull=False,
    ).values_list("started_at", "finished_at")
    durations = [finished - started for started, finished in decided]
    return {
        "waiting": count,
        "oldest_age": (now - oldest) if oldest else None,
        "median_decision": statistics.median(durations) if durations else None,
    }


def describe_age(delta):
    if delta is None:
        return "—"
    days = delta.days
    if days >= 1:
        return ngettext("%(n)d jour", "%(n)d jours", days) % {"n": days}
    hours = int(delta.total_seconds() // 3600)
    return ngettext("%(n)d heure", "%(n)d heures", hours) % {"n": hours}


def moderators():
    from dictionnaire.roles import MODERATORS

    return get_user_model().objects.filter(groups__name=MODERATORS, is_active=True).exclude(email="").distinct()


def digest_body(health, open_requests):
    return _(
        "Bonjour,\n\nCe qui attend aujourd'hui :\n"
        "- éléments à relire : %(waiting)s\n"
        "- le plus ancien attend depuis : %(oldest)s\n"
        "- délai médian d'une décision (30 derniers jours) : %(median)s\n"
        "- mots demandés en attente d'une classe : %(requests)s\n\n"
        "Relire : %(url)s\n"
    ) % {
        "waiting": health["waiting"],
        "oldest": describe_age(health["oldest_age"]),
        "median": describe_age(health["median_decision"]),
        "requests": open_requests,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
    }


def send_digest(now):
    """The daily digest to every moderator; nothing is sent when nothing waits."""
    from dictionnaire.models import WordRequest

    health = moderation_health(now)
    open_requests = WordRequest.objects.filter(status=WordRequest.Status.OPEN).count()
    if not health["waiting"] and not open_requests:
        return "rien n'attend : pas de message"
    recipients = list(moderators().values_list("email", flat=True))
    if not recipients:
        return "aucun modérateur avec une adresse e-mail"
    send_mail(
        _("Dictionnaire : ce qui attend une relecture"),
        digest_body(health, open_requests),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    return f"{len(recipients)} modérateur(s) prévenu(s), {health['waiting']} élément(s) en attente"


def send_reminders(now):
    """One reminder per step waiting more than 3 days, to the moderators of that step (its task's groups)."""
    User = get_user_model()
    late = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, started_at__lte=now - REMIND_AFTER)
        .exclude(pk__in=ModerationReminder.objects.values("task_state"))
        .select_related("task", "workflow_state")
    )
    sent = 0
    for task_state in late:
        groups = getattr(task_state.task.specific, "groups", None)
        users = User.objects.filter(is_active=True, groups__in=groups.all()) if groups is not None else moderators()
        recipients = sorted(set(users.exclude(email="").values_list("email", flat=True)))
        _reminder, created = ModerationReminder.objects.get_or_create(task_state=task_state)
        if not created or not recipients:
            continue
        title = str(task_state.workflow_state.content_object or "")
        send_mail(
            _("Relecture en attente depuis plus de 3 jours"),
            _("Bonjour,\n\n« %(title)s » attend une relecture depuis %(age)s.\n\nRelire : %(url)s\n")
            % {
                "title": title,
                "age": describe_age(now - task_state.started_at),
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/",
            },
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
        sent += 1
    return f"{sent} rappel(s) envoyé(s)"
