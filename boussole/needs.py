"""Parents' needs in their own words (« faire garder mon enfant »…), each mapped to data·inclusion thématiques.

About twelve, edited by administrators (a snippet in the boussole's menu), they are what the annuaire, the agenda,
the resources and the orientation offer first; the national list of ~70 thématiques stays reachable as « toutes
les thématiques » for professionals. :data:`DEFAULT_NEEDS` is the list a new database starts with (a data
migration writes it, ``load_demo_data`` completes it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from boussole.fields import ReferentialListField
from boussole.referentials import referential

PARENTING = "famille--soutien-a-la-parentalite-et-a-leducation"

#: (slug, label, thématiques), in the order shown. Labels are data (editable), in French like the demo content.
DEFAULT_NEEDS = [
    ("faire-garder-mon-enfant", "Faire garder mon enfant", ["famille--garde-denfants"]),
    ("parler-avec-d-autres-parents", "Parler avec d'autres parents", [PARENTING, "remobilisation--lien-social"]),
    ("aide-pour-les-devoirs", "Aide pour les devoirs", [PARENTING, "lecture-ecriture-calcul--maitriser-le-francais"]),
    ("un-probleme-avec-l-ecole", "Un problème avec l'école", [PARENTING]),
    ("sante-de-mon-enfant", "La santé de mon enfant", ["sante--acces-aux-soins", "sante--sante-mentale"]),
    (
        "handicap",
        "Le handicap de mon enfant",
        ["sante--constituer-un-dossier-mdph-invalidite", "famille--prise-en-charge-personne-dependante"],
    ),
    ("separation-conflit", "Séparation, conflit, violences", ["famille--surmonter-conflits-separation-violence"]),
    (
        "droits-et-allocations",
        "Droits, allocations, démarches",
        [
            "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ],
    ),
    ("budget", "Payer les factures, le budget", ["difficultes-financieres"]),
    ("loisirs-en-famille", "Loisirs en famille", ["remobilisation--activites-sportives-et-culturelles"]),
    ("ecrans-et-numerique", "Écrans, ENT, démarches en ligne", ["numerique"]),
    ("aider-un-proche", "M'occuper d'un proche malade ou âgé", ["famille--soutien-aidants"]),
]


class ParentNeed(models.Model):
    """A need as a parent says it, and the national thématiques (or whole categories) it covers."""

    label = models.CharField(_("besoin, dans les mots d'un parent"), max_length=100)
    slug = models.SlugField(_("adresse"), max_length=60, unique=True, help_text=_("Utilisée dans les liens."))
    thematiques = ReferentialListField(
        _("thématiques data·inclusion couvertes"), referential_name="thematiques", blank=False
    )
    sort_order = models.PositiveIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("label"), FieldPanel("thematiques"), FieldPanel("sort_order"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("besoin des parents")
        verbose_name_plural = _("besoins des parents")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


def ensure_default_needs(model=ParentNeed):
    """Writes the :data:`DEFAULT_NEEDS` missing (by slug); changes none an administrator edited. ``model``: for
    data migrations."""
    created = []
    for position, (slug, label, thematiques) in enumerate(DEFAULT_NEEDS):
        need, new = model.objects.get_or_create(
            slug=slug, defaults={"label": label, "thematiques": thematiques, "sort_order": position}
        )
        if new:
            created.append(need)
    return created


def all_needs():
    """The needs in order, kept in the boussole's cache until anything of the boussole changes (no query)."""
    from portail.cache import cached

    return cached("boussole", "parent-needs", lambda: list(ParentNeed.objects.all()), language=False)


def is_national(value):
    """A national thématique or category code (what professionals and older links use)."""
    return value in referential("thematiques") or value in referential("categories_thematiques")


def resolve(value, needs=None):
    """The thématiques a ``thematique`` parameter stands for: a need's, a national code itself, or none."""
    if not value:
        return []
    if is_national(value):
        return [value]
    need = next((n for n in (all_needs() if needs is None else needs) if n.slug == value), None)
    return list(need.thematiques or []) if need else []


def label_of(value, needs=()):
    need = next((n for n in needs if n.slug == value), None)
    if need:
        return need.label
    return referential("thematiques").get(value) or referential("categories_thematiques").get(value, "")
