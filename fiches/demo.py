"""Demo content of the experience sheets, loaded by ``manage.py load_demo_data``."""

from fiches import booklet
from fiches.importer import CREATED, UPDATED, import_booklet
from fiches.models import ExperienceIndexPage
from fiches.moderation import ensure_moderation
from portail.demo import ensure_child_page

INDEX_INTRODUCTION = (
    "Des centres sociaux, des écoles et des associations racontent ce qu'ils ont fait "
    "pour que jeunes et aînés apprennent le numérique ensemble."
)


def load(home, report):
    index, created = ensure_child_page(
        home,
        ExperienceIndexPage,
        "fiches",
        title="Fiches d'expériences",
        introduction=INDEX_INTRODUCTION,
        show_in_menus=True,
    )
    report(index, created)
    workflow, created = ensure_moderation(index)
    report(workflow, created)
    result = import_booklet(index, booklet.load())
    for action in (CREATED, UPDATED):
        for fiche in result.actions[action]:
            report(result.pages[fiche.number], action == CREATED)
