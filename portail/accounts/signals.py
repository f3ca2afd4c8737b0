"""A structure's administrators reach the admin's « Accompagnateurs » screens: whoever is made one (in the
structure's form, or by an accepted invitation) joins the « Responsables de structure » group."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from dictionnaire.models import Structure


@receiver(m2m_changed, sender=Structure.administrators.through)
def administrators_join_the_managers_group(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add" or not pk_set:
        return
    from django.contrib.auth import get_user_model

    from portail.accounts.services import ensure_structure_managers

    group = ensure_structure_managers()
    if reverse:  # user.administered_structures.add(...)
        instance.groups.add(group)
    else:
        for user in get_user_model().objects.filter(pk__in=pk_set):
            user.groups.add(group)
