"""« Être rappelé(e) » (issue 22, point 3): the parent's request, the structure's queue, the erasure."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from boussole.callbacks import CallbackRequest, purge_closed_callbacks
from boussole.roles import STRUCTURE_STAFF

pytestmark = pytest.mark.django_db

FORM = {
    "prenom": "Samia",
    "telephone": "06 12 34 56 78",
    "moments": ["matin", "soir"],
    "message": "Une place en crèche ?",
    "consentement": "on",
    "website": "",
}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def rappel(structure):
    return f"/boussole/annuaire/{structure.slug}/rappel/"


def test_a_parent_asks_to_be_called_back_and_gets_a_reference(client, make_structure, django_user_model):
    structure = make_structure(courriel="accueil@exemple.org", delai_rappel="sous 3 jours ouvrés")
    staff = django_user_model.objects.create_user("anim", "anim@exemple.org", "x" * 12)
    structure.equipe.add(staff)
    structure.save()  # a parental many-to-many is written with its structure, as the admin form does

    sheet = client.get(structure.get_absolute_url()).content.decode()
    form = client.get(rappel(structure)).content.decode()
    response = client.post(rappel(structure), FORM)

    assert rappel(structure) in sheet and "sous 3 jours ouvrés" in sheet
    for name in ("prenom", "telephone", "moments", "message", "consentement"):
        assert f'name="{name}"' in form
    callback = CallbackRequest.objects.get()
    assert (callback.structure, callback.prenom, callback.moments) == (structure, "Samia", ["matin", "soir"])
    html = response.content.decode()
    assert response.status_code == 200 and callback.reference in html and "sous 3 jours ouvrés" in html
    assert sorted(mail.outbox[0].to) == ["accueil@exemple.org", "anim@exemple.org"]
    assert callback.reference in mail.outbox[0].body
    assert "06 12" not in mail.outbox[0].body  # the number stays in the admin


@pytest.mark.parametrize("change", [{"consentement": ""}, {"telephone": "12"}, {"prenom": ""}, {"moments": ["jamais"]}])
def test_a_wrong_or_unconsented_request_keeps_nothing(client, make_structure, change):
    structure = make_structure()

    response = client.post(rappel(structure), {**FORM, **change})

    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert CallbackRequest.objects.count() == 0


def test_an_empty_phone_number_is_explained_in_french_and_the_rest_is_kept(client, make_structure):
    structure = make_structure()

    response = client.post(rappel(structure), {**FORM, "telephone": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Il y a un problème dans le formulaire" in page and 'href="#id_telephone"' in page
    assert "Écrivez le numéro où la structure peut vous rappeler." in page
    assert "Champ requis" not in page  # Wagtail admin's terse wording must not reach parents
    assert 'value="Samia"' in page and "Une place en crèche ?" in page


def test_robots_and_floods_are_kept_out(client, make_structure, settings):
    settings.RATELIMIT_ENABLE = True
    settings.PORTAIL_RATE_LIMITS = {"callback-request": "2/h"}
    structure = make_structure()

    robot = client.post(rappel(structure), {**FORM, "website": "http://spam.example"})
    assert robot.status_code == 200 and CallbackRequest.objects.count() == 0
    client.post(rappel(structure), FORM)
    flood = client.post(rappel(structure), FORM)

    assert flood.status_code == 429 and CallbackRequest.objects.count() == 1


def test_a_structures_staff_see_their_queue_only_and_mark_done(client, make_structure, django_user_model):
    ours, theirs = make_structure(nom="Chez nous"), make_structure(nom="Ailleurs")
    mine = CallbackRequest.objects.create(structure=ours, prenom="Samia", telephone="0612345678")
    other = CallbackRequest.objects.create(structure=theirs, prenom="Paul", telephone="0698765432")
    staff = django_user_model.objects.create_user("anim", "anim@exemple.org", "x" * 12)
    staff.groups.add(Group.objects.get(name=STRUCTURE_STAFF))
    ours.equipe.add(staff)
    ours.save()
    client.force_login(staff)

    queue = client.get("/admin/snippets/boussole/callbackrequest/").content.decode()
    forbidden = client.get(f"/admin/snippets/boussole/callbackrequest/edit/{other.pk}/")
    done = client.post(f"/admin/snippets/boussole/callbackrequest/edit/{mine.pk}/", {"status": "fait"})

    assert mine.reference in queue and "0612345678" in queue and "sous 2 jours ouvrés" in queue
    assert other.reference not in queue and "0698765432" not in queue
    assert forbidden.status_code in {302, 403, 404}
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.status == CallbackRequest.DONE and mine.closed_at is not None
    assert client.get("/admin/snippets/boussole/callbackrequest/add/").status_code in {302, 403}


def test_phone_numbers_are_erased_30_days_after_closing(make_structure):
    structure = make_structure()
    now = timezone.now()
    old = CallbackRequest.objects.create(structure=structure, prenom="A", telephone="0611111111", message="m")
    recent = CallbackRequest.objects.create(structure=structure, prenom="B", telephone="0622222222")
    still_open = CallbackRequest.objects.create(structure=structure, prenom="C", telephone="0633333333")
    CallbackRequest.objects.filter(pk=old.pk).update(status="fait", closed_at=now - timedelta(days=31))
    CallbackRequest.objects.filter(pk=recent.pk).update(status="fait", closed_at=now - timedelta(days=29))

    assert purge_closed_callbacks(now=now) == 1
    old.refresh_from_db()
    assert (old.telephone, old.prenom, old.message) == ("", "", "") and old.erased_at == now
    assert CallbackRequest.objects.get(pk=recent.pk).telephone == "0622222222"
    # Two days later (the clock moved), the second one goes too; the open one stays until it is closed.
    assert purge_closed_callbacks(now=now + timedelta(days=2)) == 1
    assert CallbackRequest.objects.get(pk=recent.pk).telephone == ""
    assert CallbackRequest.objects.get(pk=still_open.pk).telephone == "0633333333"
    call_command("boussole_purge_callbacks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CallbackRequest.objects.filter(reference=old.reference).exists()  # kept for counting, without data


def test_phone_numbers_are_in_no_export(client, make_structure, make_service):
    structure = make_structure()
    make_service(structure)
    CallbackRequest.objects.create(structure=structure, prenom="Samia", telephone="0612345678")

    exported = [client.get(url).content.decode() for url in ("/boussole/donnees/boussole.json",)]

    assert all("0612345678" not in text and "Samia" not in text for text in exported)
