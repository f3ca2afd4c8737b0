"""Demo content of the dictionary, loaded by ``manage.py load_demo_data``.

The 70 words of ``data/vocabulaire.csv`` with their definitions from ``data/definitions.json``, published and
credited to demo classes; a few open requests; one class whose draft waits in moderation; in development
only, a moderator and an accompagnateur account that can log in.
"""

import csv
import json
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backends

from dictionnaire.models import (
    Accompagnateur,
    Category,
    Classroom,
    Contribution,
    DictionaryIndexPage,
    Structure,
    Term,
    WordRequest,
)
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS, ensure_roles
from dictionnaire.text import sanitise_html, slug_for
from portail.demo import ensure_child_page

DATA_DIR = Path(__file__).resolve().parent / "data"

INDEX_INTRODUCTION = (
    "Des mots du numérique expliqués par des enfants, pour leurs grands-parents. "
    "Cherchez un mot, écoutez-le, ou demandez un mot qui manque."
)

STRUCTURES = [
    ("École Saint-Mathieu", "Tourcoing", "tout"),
    ("Centre socioculturel Belencontre", "Tourcoing", "internet;sécurité;démarches en ligne"),
    ("Centre socioculturel Les Phalempins", "Tourcoing", "réseaux sociaux;école et famille"),
]
#: (pseudonym, level, structure index, adult's user name)
CLASSROOMS = [
    ("CM2 Saint-Mathieu 2026", "CM2", 0, "enseignante-demo"),
    ("Club numérique Belencontre", "groupe", 1, "animateur-demo"),
    ("CM1-CM2 Phalempins 2026", "CM1", 2, "animateur-demo"),
]
OPEN_REQUESTS = [
    ("Mode avion", "vu dans les réglages du téléphone", 6),
    ("Sauvegarde", "l'ordinateur me demande de faire une sauvegarde", 4),
    ("Chatbot", "sur le site de ma banque", 3),
    ("Forfait mobile", "", 2),
    ("Messagerie", "vu sur le site de la CAF", 1),
]
DRAFT = {
    "request": "Mode avion",
    "classroom": "CM2 Saint-Mathieu 2026",
    "category": Category.HARDWARE,
    "short_definition": (
        "Le mode avion, c'est un bouton du téléphone qui coupe d'un coup les appels, internet et le Bluetooth, "
        "comme on doit le faire dans un avion."
    ),
    "danger": "Si tu l'oublies allumé, personne ne peut t'appeler, même pas pour une urgence.",
    "cool": "Ça économise la batterie, et la nuit on dort tranquille sans notifications.",
}


def read_vocabulary():
    with open(DATA_DIR / "vocabulaire.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_definitions():
    with open(DATA_DIR / "definitions.json", encoding="utf-8") as handle:
        return {entry["mot"]: entry for entry in json.load(handle)}


#: The role each demo account of the dictionary has, as the final block of ``make run`` says it.
DEMO_ROLES = {
    "enseignante-demo": "accompagnatrice (École Saint-Mathieu), administratrice de sa structure",
    "animateur-demo": "accompagnateur (deux centres sociaux de Tourcoing)",
    "moderatrice-demo": "modératrice nationale du dictionnaire",
}


def ensure_user(username, groups, report):
    """A demo account that can log in, in development only (``DEMO_CREATE_ADMIN``); None elsewhere."""
    from portail.demo_accounts import ensure_demo_user

    return ensure_demo_user(username, DEMO_ROLES.get(username, ", ".join(groups)), groups)


class _Report:
    def __init__(self, report):
        self.report = report

    def message(self, text):
        # The command's report prints objects; a plain line goes through its stdout when it has one.
        stdout = getattr(getattr(self.report, "__self__", None), "stdout", None)
        if stdout is not None:
            stdout.write(text)


@transaction.atomic
def load(home, report):
    index, created = ensure_child_page(
        home,
        DictionaryIndexPage,
        "dictionnaire",
        title="Quand les enfants deviennent profs",
        introduction=INDEX_INTRODUCTION,
        show_in_menus=True,
    )
    report(index, created)
    ensure_roles()
    say = _Report(report)

    structures = []
    for name, city, interests in STRUCTURES:
        structure, _created = Structure.objects.get_or_create(
            name=name, defaults={"city": city, "interests": interests}
        )
        structures.append(structure)
    adults = {}
    for pseudonym, level, structure_index, username in CLASSROOMS:
        if username not in adults:
            adult = ensure_user(username, [ACCOMPAGNATEURS], say)
            if adult is not None:
                Accompagnateur.attach(adult, structures[structure_index])
            adults[username] = adult
        classroom, _created = Classroom.objects.get_or_create(
            pseudonym=pseudonym,
            defaults={"level": level, "structure": structures[structure_index], "adult": adults[username]},
        )
        if classroom.adult_id is None and adults[username] is not None:
            classroom.adult = adults[username]
            classroom.save(update_fields=["adult"])
    ensure_user("moderatrice-demo", [MODERATORS], say)

    created_terms = load_terms()
    say.message(f"  mots du dictionnaire : {created_terms} publiés, {Term.objects.count()} en tout")
    load_requests()


@contextmanager
def search_index_paused(model):
    """Index the terms once at the end instead of at each of their saves: the demo loads much faster."""
    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=model)


def load_terms():
    """Publish every word of the vocabulary with its definition. Words already there are left as they are."""
    definitions = read_definitions()
    classrooms = list(Classroom.objects.order_by("pk")[:3])
    year = timezone.now().year
    existing = set(Term.objects.values_list("word", flat=True))
    new_terms = []
    for number, row in enumerate(read_vocabulary()):
        word = row["terme"].strip()
        if word in existing:
            continue
        entry = definitions[word]
        new_terms.append(
            Term(
                word=word,
                slug=slug_for(word),
                variants="; ".join(v for v in row["variantes"].split(";") if v.strip()),
                synonyms="; ".join(s for s in row["synonymes"].split(";") if s.strip()),
                category=Category.from_label(row["categorie"]),
                short_definition=entry["courte"],
                full_definition=sanitise_html("".join(f"<p>{escape(text)}</p>" for text in entry["complete"])),
                usages="\n".join(entry["on_dit"]),
                danger=entry["danger"],
                cool=entry["cool"],
                classroom=classrooms[number % len(classrooms)] if classrooms else None,
                credit_year=year,
                live=False,
            )
        )
    if not new_terms:
        return 0
    with search_index_paused(Term):
        Term.objects.bulk_create(new_terms)
        by_word = {term.word: term for term in Term.objects.all()}
        for term in new_terms:
            term = by_word[term.word]
            term.related_terms.set([by_word[word] for word in definitions[term.word]["lies"] if word in by_word])
            # Publishing applies the revision (with its related terms) to the row and sends ``published``.
            term.save_revision(clean=False, log_action=True).publish()
    published = list(Term.objects.filter(word__in=[term.word for term in new_terms]))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Term, published)
    return len(new_terms)


def load_requests():
    for word, context, count in OPEN_REQUESTS:
        if WordRequest.objects.filter(word=word).exists():
            continue
        submission = WordRequest.ask(word, context=context)
        WordRequest.objects.filter(pk=submission.request_id).update(count=count)
    draft_in_moderation()


def draft_in_moderation():
    """One class has written « Mode avion » and its adult has sent it to the moderators."""
    word_request = WordRequest.objects.filter(word=DRAFT["request"]).first()
    classroom = Classroom.objects.filter(pseudonym=DRAFT["classroom"]).first()
    if word_request is None or classroom is None or word_request.term_id:
        return
    word_request.claim(classroom)
    term = Term(
        word=DRAFT["request"],
        category=DRAFT["category"],
        short_definition=DRAFT["short_definition"],
        danger=DRAFT["danger"],
        cool=DRAFT["cool"],
        classroom=classroom,
        credit_year=timezone.now().year,
        live=False,
    )
    term.save()
    revision = term.save_revision(log_action=True)
    Contribution.objects.create(term=term, classroom=classroom, revision=revision, adult=classroom.adult)
    word_request.term = term
    word_request.last_draft_at = timezone.now()
    word_request.status = WordRequest.Status.IN_MODERATION
    word_request.save()
    term.get_workflow().start(term, classroom.adult)
