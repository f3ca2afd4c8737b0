"""Demo content of the boussole parentale, loaded by ``manage.py load_demo_data``."""

from boussole.models import BoussoleIndexPage
from portail.demo import ensure_child_page

INDEX_INTRODUCTION = (
    "Vous êtes parent et vous cherchez de l'aide ? La boussole vous dit qui peut vous aider, "
    "près de chez vous : lieux, ateliers, documents et mots à connaître."
)


def load(home, report):
    index, created = ensure_child_page(
        home,
        BoussoleIndexPage,
        "boussole",
        title="Boussole parentale",
        introduction=INDEX_INTRODUCTION,
        show_in_menus=True,
    )
    report(index, created)
