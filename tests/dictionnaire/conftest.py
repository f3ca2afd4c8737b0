import pytest
from django.contrib.auth.models import Group

from dictionnaire.models import Accompagnateur, Category, Classroom, Structure, Term, WordRequest
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS


@pytest.fixture
def dictionary(demo_data, db):
    """The site with the dictionary's demo content (70 published words, requests, a draft in moderation).

    Loaded once per module (see ``demo_data``): use it in modules where every test wants the demo content.
    """
    return Term.objects.live()


@pytest.fixture
def dictionary_index(db):
    """The home page and the dictionary's index page only, without the 70 demo words."""
    from dictionnaire.demo import INDEX_INTRODUCTION
    from dictionnaire.models import DictionaryIndexPage
    from portail.demo import ensure_child_page, ensure_home_page

    home, _created = ensure_home_page()
    index, _created = ensure_child_page(
        home,
        DictionaryIndexPage,
        "dictionnaire",
        title="Quand les enfants deviennent profs",
        introduction=INDEX_INTRODUCTION,
    )
    return index


@pytest.fixture
def structure(db):
    return Structure.objects.create(name="Centre social des Tests", city="Lille", interests="internet")


@pytest.fixture
def teacher(db, django_user_model, structure):
    user = django_user_model.objects.create_user("maitresse", "maitresse@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(user, structure)
    return user


@pytest.fixture
def other_teacher(db, django_user_model, structure):
    user = django_user_model.objects.create_user("autre", "autre@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(user, structure)
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
