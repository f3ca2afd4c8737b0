import pytest
from django.contrib.auth.models import Group

from dictionnaire.models import Accompagnateur, Structure
from dictionnaire.roles import ACCOMPAGNATEURS
from portail.accounts.services import ensure_structure_managers


@pytest.fixture
def structure(db):
    return Structure.objects.create(name="Centre social Lazare-Garreau", city="Lille")


@pytest.fixture
def other_structure(db):
    return Structure.objects.create(name="Médiathèque de Calais", city="Calais")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@exemple.org", "un-mot-de-passe-long")


@pytest.fixture
def structure_admin(db, django_user_model, structure):
    user = django_user_model.objects.create_user("directrice", "directrice@exemple.org", "un-mot-de-passe-long")
    user.groups.add(ensure_structure_managers(), Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(user, structure)
    structure.administrators.add(user)
    return user


@pytest.fixture
def adult(db, django_user_model, structure):
    user = django_user_model.objects.create_user("prof", "prof@exemple.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(user, structure)
    return user


@pytest.fixture
def dictionary_index(db):
    """The home page and the dictionary's index page (a term's page needs them)."""
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
