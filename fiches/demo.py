"""Demo content of the experience sheets, loaded by ``manage.py load_demo_data``."""

from fiches.models import ExperienceIndexPage
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
