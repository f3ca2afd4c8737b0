"""Roles that explain themselves: every group of the site has a French name and one line that says what it does,
shown where roles are chosen (Wagtail's user form, through ``portail.users``). Wagtail's own « Moderators » and
« Editors » are not used by the project: they are hidden while nobody is in them.
"""

from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

#: group name → (French name shown, one-line description)
ROLES = {
    "Modérateurs du dictionnaire": (
        _("Modérateurs du dictionnaire"),
        _("Relisent, corrigent et publient les définitions des classes (de leurs territoires, ou de tous)."),
    ),
    "Accompagnateurs": (
        _("Accompagnateurs"),
        _("Adultes qui mènent les ateliers : leurs classes, les codes d'atelier, l'envoi aux modérateurs."),
    ),
    "Responsables de structure": (
        _("Responsables de structure"),
        _("Invitent les adultes de leurs structures (administrateurs d'une structure du dictionnaire)."),
    ),
    "Modérateurs des fiches": (
        _("Modérateurs des fiches"),
        _("Relisent et publient les fiches d'expériences proposées par les structures."),
    ),
    "Rédacteurs des structures": (
        _("Rédacteurs des structures"),
        _("Écrivent les fiches d'expériences de leur structure et les proposent à la relecture."),
    ),
    "Administrateurs des structures": (
        _("Administrateurs de la Boussole"),
        _("Tiennent à jour l'annuaire de la Boussole : structures, services, agenda, ressources, glossaire."),
    ),
    "Moderators": (
        _("Modérateurs Wagtail (rôle d'origine)"),
        _("Rôle créé par Wagtail, inutilisé ici : préférez un rôle ci-dessus."),
    ),
    "Editors": (
        _("Rédacteurs Wagtail (rôle d'origine)"),
        _("Rôle créé par Wagtail, inutilisé ici : préférez un rôle ci-dessus."),
    ),
}
#: Wagtail's own groups, hidden from the user form while they have no member.
UNUSED_WAGTAIL_GROUPS = ("Moderators", "Editors")


def describe(group):
    """« French name — what it does » for a group; a group the project does not know keeps its name."""
    name, description = ROLES.get(group.name, (group.name, ""))
    return f"{name} — {description}" if description else str(name)


def choosable_groups():
    """The groups offered in the user form: all but Wagtail's unused ones (kept while someone is in them)."""
    return (
        Group.objects.annotate(members=Count("user"))
        .exclude(name__in=UNUSED_WAGTAIL_GROUPS, members=0)
        .order_by("name")
    )
