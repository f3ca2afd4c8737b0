"""The admin's « Accompagnateurs » and « Structures en attente »: who sees what, queries that stay flat."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dictionnaire.models import Accompagnateur, Classroom, Structure
from portail.accounts.models import Invitation, JoinRequest
from portail.models import Territory

pytestmark = pytest.mark.django_db


def make_network(adults, structures):
    User = get_user_model()
    made = Structure.objects.bulk_create([Structure(name=f"Structure {n}") for n in range(structures)])
    users = User.objects.bulk_create([User(username=f"adulte{n}", email=f"a{n}@exemple.org") for n in range(adults)])
    accompagnateurs = Accompagnateur.objects.bulk_create([Accompagnateur(user=user) for user in users])
    Through = Accompagnateur.structures.through
    Through.objects.bulk_create(
        [Through(accompagnateur=item, structure=made[n % structures]) for n, item in enumerate(accompagnateurs)]
        + [Through(accompagnateur=item, structure=made[(n + 1) % structures]) for n, item in enumerate(accompagnateurs)]
    )
    Classroom.objects.bulk_create(
        [
            Classroom(pseudonym=f"Classe {n}", level="CM2", structure=made[n % structures], adult=users[n])
            for n in range(adults)
        ]
    )


def listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/accompagnateurs/")
    assert response.status_code == 200
    return len(queries), response


def test_the_adults_listing_stays_flat_from_ten_adults_to_a_thousand(client, superuser):
    client.force_login(superuser)
    make_network(10, 5)
    few, response = listing_queries(client)
    assert "adulte1" in response.text and "Structure 1" in response.text
    make_network(0, 0)
    User = get_user_model()
    Accompagnateur.objects.all().delete()
    User.objects.exclude(pk=superuser.pk).delete()
    Classroom.objects.all().delete()
    Structure.objects.all().delete()
    make_network(1000, 200)
    many, response = listing_queries(client)
    assert many <= few, f"{few} queries with 10 adults, {many} with 1,000"


def test_the_adults_listing_is_searchable(client, superuser):
    client.force_login(superuser)
    make_network(30, 3)
    response = client.get("/admin/accompagnateurs/?q=adulte17")
    assert "adulte17" in response.text and "adulte18" not in response.text


def test_a_structure_administrator_lists_the_adults_of_their_structures_only(
    client, structure_admin, adult, django_user_model, other_structure
):
    stranger = django_user_model.objects.create_user("etranger", "etranger@calais.example", "un-mot-de-passe-long")
    Accompagnateur.attach(stranger, other_structure)
    client.force_login(structure_admin)
    response = client.get("/admin/accompagnateurs/")
    assert response.status_code == 200
    assert 'href="/admin/accompagnateurs/inviter/"' in response.text
    assert "prof@exemple.org" in response.text and "etranger@calais.example" not in response.text


def test_a_coordinator_accepts_a_request_of_their_territory_in_one_action(client, django_user_model):
    from portail.accounts.services import ensure_structure_managers

    coordinator = django_user_model.objects.create_user("coord", "coord@exemple.org", "un-mot-de-passe-long")
    coordinator.groups.add(ensure_structure_managers())
    lille = Territory.objects.create(name="Métropole lilloise", departements="59")
    lille.coordinators.add(coordinator)
    mine = JoinRequest.objects.create(
        structure_name="Centre social Fives", commune="Lille", code_insee="59350", email="fives@exemple.org"
    )
    other = JoinRequest.objects.create(
        structure_name="Médiathèque", commune="Calais", code_insee="62193", email="m@exemple.org"
    )
    client.force_login(coordinator)
    response = client.get("/admin/participations/")
    assert "Centre social Fives" in response.text and "Médiathèque" not in response.text
    assert client.get(f"/admin/participations/decider/{other.pk}/").status_code == 404
    assert client.post(f"/admin/participations/decider/{other.pk}/", {"accept": "1"}).status_code == 404
    assert not Structure.objects.exists()
    # nor through Wagtail's generic edit screen, even for a request of their territory
    response = client.post(f"/admin/participations/edit/{other.pk}/", {"structure_name": "X", "commune": "Y"})
    assert response.status_code == 302 and response.url == "/admin/"
    other.refresh_from_db()
    assert other.structure_name == "Médiathèque"

    response = client.post(f"/admin/participations/decider/{mine.pk}/", {"accept": "1"})
    assert response.status_code == 302
    structure = Structure.objects.get()
    assert (structure.name, structure.territory) == ("Centre social Fives", lille)
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.structure, invitation.make_administrator) == (
        "fives@exemple.org",
        structure,
        True,
    )
    assert len(mail.outbox) == 1 and "/compte/invitation/" in mail.outbox[0].body
    # The greeting stands on its own line, not glued to the sentence that follows.
    assert mail.outbox[0].body.startswith("Bonjour,\n\nVous êtes invité")
    mine.refresh_from_db()
    assert mine.status == JoinRequest.Status.ACCEPTED
    # Deciding twice changes nothing.
    client.post(f"/admin/participations/decider/{mine.pk}/", {"accept": "1"})
    assert Structure.objects.count() == 1 and len(mail.outbox) == 1


def test_a_refusal_needs_a_reason_and_emails_it(client, superuser):
    request = JoinRequest.objects.create(structure_name="Club", commune="Arras", email="club@exemple.org")
    client.force_login(superuser)
    response = client.post(f"/admin/participations/decider/{request.pk}/", {"refuse": "1", "reason": ""})
    assert response.status_code == 200 and mail.outbox == []
    client.post(
        f"/admin/participations/decider/{request.pk}/", {"refuse": "1", "reason": "Hors du territoire du réseau."}
    )
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.REFUSED
    assert mail.outbox[0].to == ["club@exemple.org"] and "Hors du territoire du réseau." in mail.outbox[0].body
    assert mail.outbox[0].body.startswith("Bonjour,\n\nMerci pour la demande")
    assert not Structure.objects.exists()


def test_accepting_proposes_the_boussole_sheet_of_the_same_centre(client, superuser):
    from boussole.models import Structure as Sheet

    sheet = Sheet(
        source="boussole", source_id="fives", nom="Centre social de Fives", commune="Lille", code_insee="59350"
    )
    sheet.save()
    request = JoinRequest.objects.create(
        structure_name="Centre social Fives", commune="Lille", code_insee="59350", email="fives@exemple.org"
    )
    client.force_login(superuser)
    response = client.get(f"/admin/participations/decider/{request.pk}/")
    assert "Centre social de Fives" in response.text
    client.post(f"/admin/participations/decider/{request.pk}/", {"accept": "1", "boussole_structure": sheet.pk})
    assert Structure.objects.get().boussole_structure == sheet


def test_someone_made_administrator_of_a_structure_reaches_its_adults_in_the_admin(
    client, django_user_model, structure
):
    someone = django_user_model.objects.create_user("nouvelle-dir", "nd@exemple.org", "un-mot-de-passe-long")
    client.force_login(someone)
    assert client.get("/admin/accompagnateurs/").status_code == 302
    structure.administrators.add(someone)
    assert client.get("/admin/accompagnateurs/").status_code == 200
    assert client.get("/admin/accompagnateurs/inviter/").status_code == 200
