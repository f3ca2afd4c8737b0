import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from dictionnaire.models import Accompagnateur, Category, Classroom, Structure, Term, WordRequest
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS


@pytest.fixture
def dictionary(db):
    """The site with the dictionary's demo content (70 published words, requests, a draft in moderation)."""
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Term.objects.live()


@pytest.fixture
def structure(db):
    return Structure.objects.create(name="Centre social des Tests", city="Lille", interests="internet")


@pytest.fixture
def teacher(db, django_user_model, structure):
    user = django_user_model.objects.create_user("maitresse", "maitresse@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.objects.create(user=user, structure=structure)
    return user


@pytest.fixture
def other_teacher(db, django_user_model, structure):
    user = django_user_model.objects.create_user("autre", "autre@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.objects.create(user=user, structure=structure)
    return user


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("moderateur", "moderateur@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def classroom(teacher, structure):
    return Classroom.objects.create(pseudonym="CM2 Test 2026", level="CM2", structure=structure, adult=teacher)


@pytest.fixture
def published_term(db):
    term = Term(
        word="Wi-Fi",
        variants="wifi; wi fi",
        synonyms="",
        category=Category.INTERNET,
        short_definition="Internet sans fil dans la maison.",
        full_definition="<p>La box l'envoie <b>par les airs</b>.</p>",
        usages="C'est quoi le code du wifi ?",
        danger="Le Wi-Fi public peut être espionné.",
        cool="Toute la famille l'utilise.",
        definition_synonyms="wifi de la box",
        live=False,
    )
    term.save()
    term.save_revision().publish()
    term.refresh_from_db()
    return term


@pytest.fixture
def word_request(db):
    return WordRequest.ask("Mode avion", context="dans les réglages").request
