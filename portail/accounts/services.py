"""What the onboarding does: invite an adult, accept or refuse a structure's request, let an adult in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portail.accounts.models import Invitation, JoinRequest

STRUCTURE_MANAGERS = "Responsables de structure"


def site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def ensure_structure_managers():
    """The group of the structures' administrators: it opens the admin's « Accompagnateurs » screens to them."""
    from django.contrib.auth.models import Permission

    group, _created = Group.objects.get_or_create(name=STRUCTURE_MANAGERS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def structures_user_may_invite_into(user):
    """The structures ``user`` may invite adults into: all for a superuser, those they administer otherwise."""
    from dictionnaire.models import Structure

    if user.is_superuser:
        return Structure.objects.order_by("name")
    return user.administered_structures.order_by("name")


def invite(email, structure, invited_by=None, make_administrator=False):
    """Create the invitation and e-mail its one-time link. Returns the invitation."""
    invitation, token = Invitation.issue(email, structure, invited_by, make_administrator)
    link = site_url(reverse("accounts:invitation", args=[token]))
    context = {"invitation": invitation, "link": link, "structure": structure}
    send_mail(
        _("Invitation au dictionnaire « Quand les enfants deviennent profs »"),
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [invitation.email],
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation, password):
    """The adult's account (created, or the existing one of this e-mail), attached to the invitation's structure.

    A new account gets ``password``; an existing one keeps its own (the link never changes a password).
    """
    from dictionnaire.models import Accompagnateur
    from dictionnaire.roles import ACCOMPAGNATEURS

    User = get_user_model()
    user = User.objects.filter(email__iexact=invitation.email).order_by("pk").first()
    if user is None:
        username = invitation.email
        if User.objects.filter(username=username).exists():
            username = f"{invitation.email}-{invitation.pk}"
        user = User.objects.create_user(username, invitation.email, password)
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(user, invitation.structure)
    if invitation.make_administrator:
        invitation.structure.administrators.add(user)
        user.groups.add(ensure_structure_managers())
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def existing_account(invitation):
    User = get_user_model()
    return User.objects.filter(email__iexact=invitation.email).exists()


@transaction.atomic
def accept_join_request(join_request, decided_by, boussole_structure=None):
    """Create the structure (in the territory of its commune, linked to its Boussole sheet if given), invite the
    person who asked as its first adult and administrator. Returns the structure."""
    from dictionnaire.models import Structure

    territory = join_request.territories().first()
    name = join_request.structure_name
    if Structure.objects.filter(name=name).exists():
        name = f"{name} ({join_request.commune})"
    structure = Structure.objects.create(
        name=name[:150], city=join_request.commune[:100], territory=territory, boussole_structure=boussole_structure
    )
    join_request.status = JoinRequest.Status.ACCEPTED
    join_request.structure = structure
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save()
    invite(join_request.email, structure, decided_by, make_administrator=True)
    return structure


@transaction.atomic
def refuse_join_request(join_request, decided_by, reason):
    join_request.status = JoinRequest.Status.REFUSED
    join_request.reason = reason
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.save()
    send_mail(
        _("Votre demande de participation"),
        render_to_string("accounts/email/refusal.txt", {"join_request": join_request}),
        None,
        [join_request.email],
    )
