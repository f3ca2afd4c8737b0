"""The boussole's role: structure admins keep their directory (structures, services, agenda, resources,
glossary, error reports) and import it; they have no right on the dictionary or the fiches.

Created after every migration (see ``apps.py``), so a new database always has it.
"""

from django.contrib.auth.models import Group, Permission

STRUCTURE_ADMINS = "Administrateurs des structures"
MODELS = ("structure", "service", "event", "resource", "glossaryentry", "errorreport")
ACTIONS = ("add", "change", "view", "publish")


def ensure_structure_admins():
    """The group and its permissions. Adds what is missing, removes nothing."""
    group, _created = Group.objects.get_or_create(name=STRUCTURE_ADMINS)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="boussole", codename__in=codenames),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return group
