"""Parents' words and children's ages on the demo data (issue 22): loaded once for this module."""

import pytest

from boussole import directory
from boussole.models import Event, OrientationQuestion, Service
from boussole.needs import DEFAULT_NEEDS, ParentNeed

pytestmark = pytest.mark.django_db


def test_every_parent_need_maps_to_a_thematique_of_the_demo_data(demo_site):
    offered = [
        code
        for model in (Service, Event)
        for values in model.objects.filter(live=True).values_list("thematiques", flat=True)
        for code in values or []
    ]
    needs = list(ParentNeed.objects.all())

    assert len(needs) == len(DEFAULT_NEEDS) >= 10
    for need in needs:
        assert directory.matches_thematiques(offered, need.thematiques), need.label


def test_orientation_under_six_no_longer_proposes_teenagers(client, demo_site):
    need, age, place = OrientationQuestion.objects.order_by("sort_order")
    talk = need.choices.get(need__slug="parler-avec-d-autres-parents")
    under_six = age.choices.get(label="Moins de 6 ans")

    response = client.get(
        "/boussole/orientation/",
        {f"q{need.pk}": talk.pk, f"q{age.pk}": under_six.pk, "lieu": "Roubaix", "etape": 3},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Groupe de parole parents d'ados" not in html and "préparer l'entrée en 6e" not in html
    assert "Sortie familles à la mer" not in html  # 80 km from Roubaix
    assert "à moins de 30 km de Roubaix" in html
    services = [s for r in response.context["structures"] for s in r.services]
    assert services and all(s.covers_ages((0, 5)) for s in services)
