"""« Professionnels ensemble » (issue 22, point 7): for signed-in structure staff only, their territory."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

URL = "/boussole/professionnels/"


def test_structure_staff_see_who_does_what_near_them(
    client, make_structure, make_service, make_event, django_user_model
):
    ours = make_structure(nom="Centre Lille", courriel="lille@exemple.org")
    neighbour = make_structure(nom="Centre Roubaix", code_insee="59512", commune="Roubaix", telephone="03 20 00 00 00")
    far = make_structure(nom="CCAS Amiens", code_insee="80021", commune="Amiens")
    make_service(neighbour, nom="Café des parents")
    make_event(timezone.now() + timedelta(days=3), title="Rencontre des animatrices", structure=neighbour)
    make_event(timezone.now() + timedelta(days=3), title="Sortie picarde", structure=far)
    staff = django_user_model.objects.create_user("anim", "anim@exemple.org", "x" * 12)
    ours.equipe.add(staff)
    ours.save()

    anonymous = client.get(URL)
    client.force_login(django_user_model.objects.create_user("autre", "autre@exemple.org", "x" * 12))
    stranger = client.get(URL)
    client.force_login(staff)
    response = client.get(URL)

    assert anonymous.status_code == 302 and stranger.status_code == 403
    html = response.content.decode()
    assert "Centre Roubaix" in html and "03 20 00 00 00" in html and "Café des parents" in html
    assert "Rencontre des animatrices" in html
    assert "CCAS Amiens" not in html and "Sortie picarde" not in html
    assert "no-store" in response["Cache-Control"]
