"""The network's onboarding records: invitations of adults and requests of structures to take part.

An invitation holds only the hash of its token (the link is in the e-mail alone): valid 14 days, used once.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITATION_VALIDITY = timedelta(days=14)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, created_at__gt=timezone.now() - INVITATION_VALIDITY)


class Invitation(models.Model):
    """An adult invited into a structure: the e-mailed link lets them choose a password, once."""

    email = models.EmailField(_("adresse e-mail"))
    structure = models.ForeignKey(
        "dictionnaire.Structure", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("structure")
    )
    make_administrator = models.BooleanField(_("administrateur de la structure"), default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.structure}"

    @classmethod
    def issue(cls, email, structure, invited_by=None, make_administrator=False):
        """A new invitation and its token (to put in the link; never stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email.strip().lower(),
            structure=structure,
            invited_by=invited_by,
            make_administrator=make_administrator,
            token_hash=token_hash(token),
        )
        return invitation, token

    @classmethod
    def find(cls, token):
        """The usable invitation of this token (not used, not expired), or None."""
        if not token or len(token) > 100:
            return None
        return cls.objects.usable().select_related("structure").filter(token_hash=token_hash(token)).first()

    @property
    def expires_at(self):
        return self.created_at + INVITATION_VALIDITY


class JoinRequest(models.Model):
    """A structure asking to take part (``/participer/``): a pending structure until someone decides."""

    class Status(models.TextChoices):
        PENDING = "attente", _("en attente")
        ACCEPTED = "acceptee", _("acceptée")
        REFUSED = "refusee", _("refusée")

    structure_name = models.CharField(_("structure"), max_length=150)
    commune = models.CharField(_("commune"), max_length=100)
    code_insee = models.CharField(_("code INSEE"), max_length=5, blank=True)
    email = models.EmailField(_("adresse e-mail"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("raison du refus"), blank=True)
    structure = models.ForeignKey(
        "dictionnaire.Structure", null=True, blank=True, on_delete=models.SET_NULL, related_name="join_requests"
    )

    class Meta:
        verbose_name = _("demande de participation")
        verbose_name_plural = _("demandes de participation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.structure_name} ({self.commune})"

    def territories(self):
        from portail.models import Territory

        return Territory.objects.covering(self.code_insee) if self.code_insee else Territory.objects.none()

    def may_be_decided_by(self, user):
        """A site administrator, or a coordinator of a territory covering the request's commune."""
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return any(territory.coordinators.filter(pk=user.pk).exists() for territory in self.territories())
