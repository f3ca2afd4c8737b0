"""Two territories, a class in each that sent a word to the moderators, a Littoral and a national moderator."""

import html
import re

from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import TaskState

from dictionnaire.models import Accompagnateur, Category, Classroom, Structure, Term
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS
from portail.models import Territory


def text(response):
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def submitted_term(word, structure, user_model):
    adult = user_model.objects.create_user(f"adulte-{structure.pk}", f"a{structure.pk}@example.org", "x-long-pass")
    adult.groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(adult, structure)
    classroom = Classroom.objects.create(
        pseudonym=f"CM2 {structure.city}", level="CM2", structure=structure, adult=adult
    )
    term = Term(word=word, category=Category.INTERNET, short_definition=f"{word} expliqué.", classroom=classroom)
    term.live = False
    term.save()
    term.save_revision(user=adult)
    term.get_workflow().start(term, adult)
    return Term.objects.get(pk=term.pk)


def make_network(django_user_model):
    lille = Territory.objects.create(name="Métropole lilloise", departements="59")
    littoral = Territory.objects.create(name="Littoral Pas-de-Calais", communes="62160; 62193")
    lille_centre = Structure.objects.create(name="Centre social de Lille", city="Lille", territory=lille)
    boulogne_centre = Structure.objects.create(name="Centre de Boulogne", city="Boulogne", territory=littoral)
    moderators = Group.objects.get(name=MODERATORS)
    users = {}
    for name, territory in [("littoral", littoral), ("national", None)]:
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "un-mot-de-passe-long")
        user.groups.add(moderators)
        if territory:
            territory.moderators.add(user)
        client = Client()
        client.force_login(user)
        users[name] = client
    return {
        "lille_term": submitted_term("Pièce jointe", lille_centre, django_user_model),
        "littoral_term": submitted_term("Capture d'écran", boulogne_centre, django_user_model),
        **users,
    }


def refused(response):
    """Wagtail's admin answers a PermissionDenied with its « no permission » redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def task_state_of(term):
    return TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id=str(term.pk))
