"""The boussole's roles: structure admins keep their directory (structures, services, agenda, resources,
glossary, error reports, parents' needs) and import it; they have no right on the dictionary or the fiches.
A structure's staff (its ``equipe``, in the « Équipes des structures » group) answer its call-back requests.

Created after every migration (see ``apps.py``), so a new database always has it.
"""

from django.contrib.auth.models import Group, Permission

STRUCTURE_ADMINS = "Administrateurs des structures"
STRUCTURE_STAFF = "Équipes des structures"
MODELS = ("structure", "service", "event", "resource", "glossaryentry", "errorreport", "parentneed")
ACTIONS = ("add", "change", "view", "publish")
#: Call-back requests are made by parents only: seen and marked done in the admin, never added there.
CALLBACK_CODENAMES = ("view_callbackrequest", "change_callbackrequest")


def ensure_structure_admins():
    """The group and its permissions. Adds what is missing, removes nothing."""
    group, _created = Group.objects.get_or_create(name=STRUCTURE_ADMINS)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="boussole", codename__in=codenames),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="boussole", codename__in=CALLBACK_CODENAMES),
    )
    ensure_structure_staff()
    return group


def ensure_structure_staff():
    """The group of the structures' own staff: the admin, and their structures' call-back requests only."""
    group, _created = Group.objects.get_or_create(name=STRUCTURE_STAFF)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="boussole", codename__in=CALLBACK_CODENAMES),
    )
    return group
