"""Inviting an adult: from the admin, an e-mailed one-time link, a password chosen, signed in on the classes."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from portail.accounts.models import Invitation

INVITE = "/admin/accompagnateurs/inviter/"
GOOD = {"new_password1": "des-crayons-de-couleur", "new_password2": "des-crayons-de-couleur"}

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"https?://[^/\s]+(/compte/invitation/[^/\s]+/)", message.body).group(1)


def test_a_superuser_invites_an_adult_who_chooses_a_password_and_creates_a_class(client, superuser, structure):
    client.force_login(superuser)
    response = client.get(INVITE)
    assert response.status_code == 200
    assert f'value="{structure.pk}"' in response.text
    response = client.post(INVITE, {"email": "Nouvelle@Exemple.org", "structure": structure.pk})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nouvelle@exemple.org"]
    link = link_in(mail.outbox[0])

    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert "new_password1" in response.text and structure.name in response.text
    response = client.post(link, GOOD)
    assert response.status_code == 302 and response.url == "/dictionnaire/classes/"
    user = get_user_model().objects.get(email="nouvelle@exemple.org")
    assert list(user.accompagnateur.structures.all()) == [structure]
    response = client.get("/dictionnaire/classes/")
    assert "Créer une classe" in response.text
    response = client.post("/dictionnaire/classes/", {"pseudonym": "CM1 Lazare 2026", "level": "CM1"})
    assert response.status_code == 302
    assert user.classrooms.get().structure == structure

    client.logout()
    assert client.get(link).status_code == 404, "an invitation serves once"


def test_a_weak_or_mismatched_password_is_refused_and_the_link_still_works(client, superuser, structure):
    invitation, token = Invitation.issue("a@exemple.org", structure, superuser)
    link = f"/compte/invitation/{token}/"
    response = client.post(link, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200 and "form-errors" in response.text
    response = client.post(link, {"new_password1": "des-crayons-de-couleur", "new_password2": "autre-chose-encore"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="a@exemple.org").exists()
    assert client.post(link, GOOD).status_code == 302


def test_an_expired_or_unknown_link_is_a_french_page_not_an_error(client, superuser, structure):
    invitation, token = Invitation.issue("b@exemple.org", structure, superuser)
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=15))
    response = client.get(f"/compte/invitation/{token}/")
    assert response.status_code == 404 and "14 jours" in response.text
    assert client.post(f"/compte/invitation/{token}/", GOOD).status_code == 404
    assert client.get("/compte/invitation/" + "x" * 300 + "/").status_code == 404
    assert not get_user_model().objects.filter(email="b@exemple.org").exists()


def test_an_existing_account_joins_the_structure_without_its_password_being_changed(
    client, superuser, adult, other_structure
):
    invitation, token = Invitation.issue(adult.email, other_structure, superuser)
    response = client.get(f"/compte/invitation/{token}/")
    assert "new_password1" not in response.text
    response = client.post(f"/compte/invitation/{token}/", GOOD)
    assert response.status_code == 302
    adult.refresh_from_db()
    assert adult.check_password("un-mot-de-passe-long")
    assert other_structure in adult.accompagnateur.structures.all()


def test_a_structure_administrator_invites_into_their_structure_only(
    client, structure_admin, structure, other_structure
):
    client.force_login(structure_admin)
    response = client.get(INVITE)
    assert f'value="{structure.pk}"' in response.text
    assert f'value="{other_structure.pk}"' not in response.text
    response = client.post(INVITE, {"email": "x@exemple.org", "structure": other_structure.pk})
    assert response.status_code == 400
    assert mail.outbox == [] and not Invitation.objects.exists()
    response = client.post(INVITE, {"email": "x@exemple.org", "structure": structure.pk})
    assert response.status_code == 302 and len(mail.outbox) == 1


def test_an_admin_user_who_administers_no_structure_cannot_invite(client, django_user_model, structure):
    from django.contrib.auth.models import Group

    from dictionnaire.roles import MODERATORS

    moderator = django_user_model.objects.create_user("mod", "mod@exemple.org", "un-mot-de-passe-long")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    # Wagtail answers a refusal in its admin with a way back to the dashboard and a message.
    for response in (
        client.get(INVITE),
        client.post(INVITE, {"email": "x@exemple.org", "structure": structure.pk}),
        client.get("/admin/accompagnateurs/"),
    ):
        assert response.status_code == 302 and response.url == "/admin/"
    assert mail.outbox == []
    assert client.get("/compte/invitation/").status_code == 404
