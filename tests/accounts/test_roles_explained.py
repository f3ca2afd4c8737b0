"""Roles that explain themselves: in Wagtail's user form, every group has a French name and one line; Wagtail's
unused « Moderators » / « Editors » are hidden while nobody is in them."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_user_form_describes_every_role_in_french_and_hides_wagtails_unused_ones(client, superuser):
    from boussole.roles import ensure_structure_admins
    from portail.accounts.services import ensure_structure_managers

    ensure_structure_admins()
    ensure_structure_managers()
    client.force_login(superuser)
    for url in ("/admin/users/new/", f"/admin/users/edit/{superuser.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        text = response.text
        assert "Modérateurs du dictionnaire — Relisent" in text
        assert "Accompagnateurs — Adultes qui mènent les ateliers" in text
        assert "Responsables de structure — Invitent" in text
        assert "Administrateurs de la Boussole — " in text
        assert ">Moderators<" not in text and "Modérateurs Wagtail" not in text and "Rédacteurs Wagtail" not in text


def test_a_wagtail_group_that_someone_is_in_stays_visible_with_a_french_name(client, superuser, django_user_model):
    someone = django_user_model.objects.create_user("ancien", "ancien@exemple.org", "un-mot-de-passe-long")
    someone.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(superuser)
    response = client.get(f"/admin/users/edit/{someone.pk}/")
    assert (
        "Modérateurs Wagtail (rôle d&#x27;origine)" in response.text
        or "Modérateurs Wagtail (rôle d'origine)" in response.text
    )
    # the saved form keeps the user's groups
    groups = Group.objects.get(name="Moderators")
    response = client.post(
        f"/admin/users/edit/{someone.pk}/",
        {
            "username": "ancien",
            "email": "ancien@exemple.org",
            "first_name": "A",
            "last_name": "B",
            "groups": [groups.pk],
        },
    )
    assert response.status_code == 302
    assert someone.groups.filter(name="Moderators").exists()
