"""« Être rappelé(e) »: a parent leaves a first name and a phone number, the structure calls back.

The structure's staff (its ``equipe``) and the boussole's moderators see the requests in a queue in the admin,
with the reply time the structure promises (``Structure.delai_rappel``), and mark them done. The phone number,
the first name and the message are personal data kept only for the call: :func:`purge_closed_callbacks` erases
them 30 days after the request is closed (a periodic job, and the ``boussole_purge_callbacks`` command). They are
never exported nor served by any API: no export, no API endpoint and no e-mail carries them.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

#: How long the personal data of a closed request is kept.
KEEP_AFTER_CLOSING = timedelta(days=30)
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud on the phone
MOMENTS = [
    ("matin", _("le matin")),
    ("midi", _("entre midi et 14 h")),
    ("apres-midi", _("l'après-midi")),
    ("soir", _("en fin de journée (après 17 h)")),
]
DEFAULT_PROMISE = "sous 2 jours ouvrés"


def new_reference():
    return "R-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class CallbackRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Moderators (who may change every structure) see all; a structure's staff see its own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("boussole.change_structure"):
            return self
        return self.filter(structure__equipe=user).distinct()

    def to_purge(self, now=None):
        now = now or timezone.now()
        return self.filter(status=CallbackRequest.DONE, closed_at__lte=now - KEEP_AFTER_CLOSING, erased_at=None)


class CallbackRequest(models.Model):
    OPEN, DONE = "a-rappeler", "fait"
    STATUS_CHOICES = [(OPEN, _("à rappeler")), (DONE, _("rappel fait (clôturé)"))]

    structure = models.ForeignKey(
        "boussole.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="callback_requests"
    )
    reference = models.CharField(_("référence"), max_length=12, unique=True, editable=False)
    prenom = models.CharField(_("prénom"), max_length=60, blank=True)
    telephone = models.CharField(_("téléphone"), max_length=30, blank=True)
    moments = models.JSONField(_("meilleurs moments pour appeler"), default=list, blank=True)
    message = models.TextField(_("message"), max_length=500, blank=True)
    consented_at = models.DateTimeField(_("accord donné le"), editable=False)
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now, editable=False)
    status = models.CharField(_("état"), max_length=20, choices=STATUS_CHOICES, default=OPEN)
    closed_at = models.DateTimeField(_("clôturé le"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("données personnelles effacées le"), null=True, blank=True, editable=False)

    objects = CallbackRequestQuerySet.as_manager()

    panels = [
        FieldPanel("prenom", read_only=True),
        FieldPanel("telephone", read_only=True),
        FieldPanel("moments", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("demande de rappel")
        verbose_name_plural = _("demandes de rappel")
        ordering = ["status", "created_at"]

    def __str__(self):
        return f"{self.reference} — {self.prenom or _('(effacé)')}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
            while CallbackRequest.objects.filter(reference=self.reference).exists():
                self.reference = new_reference()
        if self.consented_at is None:
            self.consented_at = self.created_at
        if self.status == self.DONE and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status == self.OPEN:
            self.closed_at = None
        super().save(*args, **kwargs)

    @property
    def promise(self):
        return self.structure.delai_rappel or DEFAULT_PROMISE

    def promised(self):
        return self.promise

    promised.short_description = _("rappel promis")

    def moment_labels(self):
        labels = dict(MOMENTS)
        return ", ".join(str(labels.get(value, value)) for value in self.moments or [])

    moment_labels.short_description = _("moments")

    def recipients(self):
        """The structure's address and its staff's; the site's contact when it has none."""
        staff = self.structure.equipe.filter(is_active=True).exclude(email="").values_list("email", flat=True)
        addresses = {self.structure.courriel} if self.structure.courriel else set()
        return sorted(addresses | set(staff)) or [settings.CONTACT_EMAIL]


def purge_closed_callbacks(now=None):
    """Erases the phone number, first name, moments and message of the requests closed more than 30 days before
    ``now``; keeps the reference, structure and dates (for counting). Returns how many were erased."""
    now = now or timezone.now()
    return CallbackRequest.objects.to_purge(now).update(telephone="", prenom="", moments=[], message="", erased_at=now)
