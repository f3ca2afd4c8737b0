import pytest
from django.contrib.auth.models import Group

from dictionnaire.models import Accompagnateur, Category, Classroom, Structure, Term
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS


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
def classroom(teacher, structure):
    return Classroom.objects.create(pseudonym="CM2 Test 2026", level="CM2", structure=structure, adult=teacher)


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("moderateur", "moderateur@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def make_term(word, classroom=None, publish=True):
    term = Term(
        word=word,
        category=Category.INTERNET,
        short_definition=f"Ce que veut dire {word}.",
        full_definition="<p>Une définition.</p>",
        classroom=classroom,
        live=False,
    )
    term.save()
    revision = term.save_revision()
    if publish:
        revision.publish()
        term.refresh_from_db()
    return term


def submit_for_moderation(term, user):
    """Start the dictionary's moderation workflow on the term: one step waits for a moderator."""
    term.save_revision(user=user)
    return term.get_workflow().start(term, user)


@pytest.fixture(autouse=True)
def backups_in_a_scratch_folder(settings, tmp_path):
    """The daily backup job (run with the other jobs) writes under the test's own folder."""
    settings.PORTAIL_BACKUP_DIR = tmp_path / "sauvegardes"
