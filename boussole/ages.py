"""Children's ages: a range on services, events and orientation answers, and the bands a parent picks.

data·inclusion has no age field; the boussole adds an optional range (in years, both ends included) so that
« moins de 6 ans » no longer proposes what is meant for teenagers. An empty end means « no limit ».
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The bands offered to parents: value → (youngest, oldest, plain label).
AGE_BANDS = {
    "0-5": (0, 5, _("parents d'enfants de moins de 6 ans")),
    "6-11": (6, 11, _("parents d'enfants de 6 à 11 ans")),
    "12-17": (12, 17, _("parents d'ados (12 à 17 ans)")),
}


def age_choices():
    return [("", _("Tous les âges"))] + [(value, label) for value, (_lo, _hi, label) in AGE_BANDS.items()]


def band(value):
    """``(youngest, oldest)`` of a band value, or ``None`` for no or an unknown band."""
    found = AGE_BANDS.get(value or "")
    return (found[0], found[1]) if found else None


class ChildAgeFields(models.Model):
    """The ages of children a service, an event or an answer is for; empty: every age."""

    age_min = models.PositiveSmallIntegerField(
        _("âge minimum de l'enfant"), null=True, blank=True, help_text=_("En années. Vide : dès la naissance.")
    )
    age_max = models.PositiveSmallIntegerField(
        _("âge maximum de l'enfant"), null=True, blank=True, help_text=_("En années, inclus. Vide : sans limite.")
    )

    class Meta:
        abstract = True

    def covers_ages(self, ages):
        """Whether this is for some child of ``ages`` (``(youngest, oldest)``, or ``None``: any)."""
        if not ages:
            return True
        return (self.age_min is None or self.age_min <= ages[1]) and (self.age_max is None or self.age_max >= ages[0])

    @property
    def age_label(self):
        if self.age_min is None and self.age_max is None:
            return ""
        if self.age_max is None:
            return _("à partir de %(min)s ans") % {"min": self.age_min}
        if not self.age_min:
            return _("jusqu'à %(max)s ans") % {"max": self.age_max}
        return _("de %(min)s à %(max)s ans") % {"min": self.age_min, "max": self.age_max}


def ages_filter(ages, prefix=""):
    """The SQL form of :meth:`ChildAgeFields.covers_ages` (``prefix``: a relation path, e.g. ``"services__"``)."""
    if not ages:
        return Q()
    lo, hi = ages
    return (Q(**{f"{prefix}age_min__isnull": True}) | Q(**{f"{prefix}age_min__lte": hi})) & (
        Q(**{f"{prefix}age_max__isnull": True}) | Q(**{f"{prefix}age_max__gte": lo})
    )
