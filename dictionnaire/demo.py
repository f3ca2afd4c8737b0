"""Demo content of the dictionary, loaded by ``manage.py load_demo_data``."""

from dictionnaire.models import DictionaryIndexPage
from portail.demo import ensure_child_page

INDEX_INTRODUCTION = (
    "Des mots du numérique expliqués par des enfants, pour leurs grands-parents. "
    "Cherchez un mot, écoutez-le, ou demandez un mot qui manque."
)


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
