"""What the periodic jobs did, and the site's daily figures (counts only: never a person, an address, a session)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """The last run of one periodic job (pilotage/jobs.py): one row per job, shown in the admin."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("en cours")
        SUCCESS = "success", _("réussi")
        FAILURE = "failure", _("échec")

    name = models.CharField(_("tâche"), max_length=80, unique=True)
    started_at = models.DateTimeField(_("dernier lancement"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    outcome = models.CharField(_("résultat"), max_length=10, choices=Outcome.choices, blank=True)
    message = models.TextField(_("compte rendu"), blank=True)
    last_success_at = models.DateTimeField(_("dernière réussite"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("dernier échec"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    failures = models.PositiveIntegerField(_("échecs"), default=0)
    runs = models.PositiveIntegerField(_("lancements"), default=0)

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ModerationReminder(models.Model):
    """A moderation step waiting more than 3 days was reminded to its moderators (at most once)."""

    task_state = models.OneToOneField("wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rappel de relecture")

    def __str__(self):
        return f"{self.task_state_id} ({self.sent_at:%Y-%m-%d})"


class DailyCount(models.Model):
    """How many times something happened on one day, for the whole site (no structure) or one structure.

    Only counts: never a person, an address or a session. Filled as things happen (views, searches) or by the
    ``daily_figures`` job from the dated rows of the dictionary (requests, claims, definitions, publications).
    """

    day = models.DateField(_("jour"))
    metric = models.CharField(_("mesure"), max_length=40)
    structure = models.ForeignKey(
        "dictionnaire.Structure", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    value = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("chiffre du jour")
        verbose_name_plural = _("chiffres du jour")
        constraints = [
            models.UniqueConstraint(fields=["day", "metric", "structure"], name="pilotage_daily_count_structure"),
            models.UniqueConstraint(
                fields=["day", "metric"], condition=models.Q(structure__isnull=True), name="pilotage_daily_count_site"
            ),
        ]
        indexes = [
            models.Index(fields=["metric", "day"]),
            # The period's totals per structure read only this index, already in group order.
            models.Index(fields=["structure", "metric", "day", "value"], name="pilotage_daily_count_totals"),
        ]

    def __str__(self):
        return f"{self.day} {self.metric}: {self.value}"


class IgnoredSearch(models.Model):
    """An unanswered search a moderator chose to ignore (by its folded text): no longer shown in the report."""

    query = models.CharField(_("mot cherché"), max_length=100, unique=True)
    ignored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recherche ignorée")

    def __str__(self):
        return self.query
